package io.nanostream.ring;

/** 128 bytes before the ring's fields. */
abstract class RingBufferLeftPadding
{
    byte p000, p001, p002, p003, p004, p005, p006, p007;
    byte p010, p011, p012, p013, p014, p015, p016, p017;
    byte p020, p021, p022, p023, p024, p025, p026, p027;
    byte p030, p031, p032, p033, p034, p035, p036, p037;
    byte p040, p041, p042, p043, p044, p045, p046, p047;
    byte p050, p051, p052, p053, p054, p055, p056, p057;
    byte p060, p061, p062, p063, p064, p065, p066, p067;
    byte p070, p071, p072, p073, p074, p075, p076, p077;
    byte p080, p081, p082, p083, p084, p085, p086, p087;
    byte p090, p091, p092, p093, p094, p095, p096, p097;
    byte p0a0, p0a1, p0a2, p0a3, p0a4, p0a5, p0a6, p0a7;
    byte p0b0, p0b1, p0b2, p0b3, p0b4, p0b5, p0b6, p0b7;
    byte p0c0, p0c1, p0c2, p0c3, p0c4, p0c5, p0c6, p0c7;
    byte p0d0, p0d1, p0d2, p0d3, p0d4, p0d5, p0d6, p0d7;
    byte p0e0, p0e1, p0e2, p0e3, p0e4, p0e5, p0e6, p0e7;
    byte p0f0, p0f1, p0f2, p0f3, p0f4, p0f5, p0f6, p0f7;
}
