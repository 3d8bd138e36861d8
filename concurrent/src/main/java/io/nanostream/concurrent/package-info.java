/**
 * How threads run and wait: the building blocks every other module uses.
 *
 * <pre>
 *   AgentRunner (a thread) ──duty cycle──▶ Agent.doWork() ──no work──▶ IdleStrategy.idle()
 *   AgentInvoker (caller's thread) ──────▶ Agent.doWork()
 *   CompositeAgent: several agents, one duty cycle
 *   Sequence: a padded, ordered long         Clock ◀── SystemClock | CachedClock | ManualClock (tests)
 * </pre>
 */
package io.nanostream.concurrent;
