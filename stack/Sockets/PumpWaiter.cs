using System.Threading;

namespace NanoTcp.Sockets
{
    /// <summary>
    /// One blocking point (a client's read side, its write side, a listener's accept): an event the pump sets
    /// after the step that follows the wait, and the link that queues it on the pump. Allocated with its owner.
    /// </summary>
    internal sealed class PumpWaiter
    {
        /// <summary>Set by the pump after a step (or by Close); AutoReset, so a Set before the wait is not lost.</summary>
        internal readonly AutoResetEvent Signal = new AutoResetEvent(false);

        /// <summary>Next waiter in the pump's list (intrusive, so queuing allocates nothing).</summary>
        internal PumpWaiter Next;

        /// <summary>True while in the pump's list.</summary>
        internal bool Queued;
    }
}
