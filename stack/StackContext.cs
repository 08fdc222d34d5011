using NanoTcp.Tcp;

namespace NanoTcp
{
    /// <summary>
    /// What every protocol handler shares with the stack: the time of the current Poll, the configuration, the
    /// counters and tracer, and the interface to send through. One instance, allocated with the stack; the
    /// connections hold a reference instead of reaching into <see cref="NetworkStack"/>'s fields.
    /// </summary>
    internal sealed class StackContext
    {
        /// <summary>The time (ms) passed to the current (or last) <see cref="NetworkStack.Poll"/>.</summary>
        public long Now;
        public readonly StackConfig Config;
        public readonly StackCounters Counters = new StackCounters();
        public IStackTracer Tracer;
        /// <summary>The MSS we announce and cap our segments at (MTU − 40, clamped to the frame buffer).</summary>
        public int Mss;
        /// <summary>Every connection's send ring size (the same in all slots, so none keeps its own copy).</summary>
        public int TcpSendBufferSize;
        /// <summary>
        /// Receiver SWS avoidance (RFC 1122 4.2.3.3): the advertised window grows only by at least min(receive ring / 2,
        /// <see cref="Mss"/>), the same for every connection (worked out once rather than at every ACK).
        /// </summary>
        public int TcpWindowStep;
        /// <summary>The IPv4 egress path (<see cref="NetworkInterface.SendIpv4"/>) and the frame buffer to build in.</summary>
        public NetworkInterface Interface;
        /// <summary>RSTs queued by API calls (Abort, Close with unread data); the next Poll sends them.</summary>
        public ResetQueue Resets;
        /// <summary>RFC 4987 §3.6 SYN cookies (keyed with IsnSecret): made by the listeners, honoured by SYN-RECEIVED too.</summary>
        public SynCookie Cookies;
        /// <summary>
        /// An API call queued work (data, FIN, a window update, a SYN, a RST, a ping): the next Poll must run now,
        /// whatever deadline the last Poll returned. Cleared by Poll.
        /// </summary>
        public bool WorkPending;

        public StackContext(StackConfig config)
        {
            Config = config;
        }

        /// <summary>Counts a dropped frame or segment and tells the tracer.</summary>
        public void Drop(DropReason reason, byte[] frame, int offset, int length)
        {
            Counters.CountDrop(reason);
            if (Tracer != null) Tracer.FrameDropped(reason, frame, offset, length, Now);
        }
    }
}
