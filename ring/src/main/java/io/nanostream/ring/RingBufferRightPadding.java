package io.nanostream.ring;

/** 128 bytes after the ring's fields. */
abstract class RingBufferRightPadding<E> extends RingBufferFields<E>
{
    byte q000, q001, q002, q003, q004, q005, q006, q007;
    byte q010, q011, q012, q013, q014, q015, q016, q017;
    byte q020, q021, q022, q023, q024, q025, q026, q027;
    byte q030, q031, q032, q033, q034, q035, q036, q037;
    byte q040, q041, q042, q043, q044, q045, q046, q047;
    byte q050, q051, q052, q053, q054, q055, q056, q057;
    byte q060, q061, q062, q063, q064, q065, q066, q067;
    byte q070, q071, q072, q073, q074, q075, q076, q077;
    byte q080, q081, q082, q083, q084, q085, q086, q087;
    byte q090, q091, q092, q093, q094, q095, q096, q097;
    byte q0a0, q0a1, q0a2, q0a3, q0a4, q0a5, q0a6, q0a7;
    byte q0b0, q0b1, q0b2, q0b3, q0b4, q0b5, q0b6, q0b7;
    byte q0c0, q0c1, q0c2, q0c3, q0c4, q0c5, q0c6, q0c7;
    byte q0d0, q0d1, q0d2, q0d3, q0d4, q0d5, q0d6, q0d7;
    byte q0e0, q0e1, q0e2, q0e3, q0e4, q0e5, q0e6, q0e7;
    byte q0f0, q0f1, q0f2, q0f3, q0f4, q0f5, q0f6, q0f7;

    RingBufferRightPadding(final Object[] entries, final AbstractSequencer sequencer)
    {
        super(entries, sequencer);
    }
}
