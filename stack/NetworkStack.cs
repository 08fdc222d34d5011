using NanoTcp.Tcp;
using NanoTcp.Wire;

namespace NanoTcp
{
    /// <summary>
    /// The nanoTcp stack: Ethernet II, ARP, IPv4, ICMP echo and TCP over one <see cref="ILink"/>.
    /// Everything is allocated in the constructor from a <see cref="StackConfig"/>; afterwards no call allocates.
    /// Single-threaded: call every member from the thread that calls <see cref="Poll"/>.
    /// </summary>
    /// <remarks>
    /// Shape (smoltcp's interface/socket split): this class demultiplexes input, owns the connection slots, the
    /// listener table and the <see cref="NetworkInterface"/> (ARP and the one IPv4 egress path); each
    /// <see cref="TcpConnection"/> owns its state and behaviour. Declared in NetworkStack.cs (poll contract),
    /// NetworkStack.Input.cs (Ethernet/IPv4 input), NetworkStack.Icmp.cs, NetworkStack.Tcp.cs (TCP demultiplexing and
    /// slots) and Tcp/TcpApi.cs (the TCP API).
    /// </remarks>
    public sealed partial class NetworkStack
    {
        private readonly StackContext _ctx;
        private readonly NetworkInterface _if;
        private readonly byte[] _rx;
        private IEchoReplyListener _echoListener;
        private long _pollAt = long.MaxValue;

        /// <summary>Creates the stack and allocates every buffer and table from <paramref name="config"/>.</summary>
        public NetworkStack(StackConfig config, ILink link)
        {
            StackConfig cfg = config ?? new StackConfig();
            _ctx = new StackContext(cfg);
            int frame = cfg.MaxFrameSize < 128 ? 128 : cfg.MaxFrameSize;
            _rx = new byte[frame];
            _if = new NetworkInterface(_ctx, link, frame);
            _ctx.Interface = _if;
            int maxMss = frame - NetworkInterface.IpPayloadOffset - TcpHeader.MinLength;
            _ctx.Mss = cfg.Mss < 64 ? 64 : (cfg.Mss > maxMss ? maxMss : cfg.Mss);
            _keyedHash = new InitialSequenceNumber(cfg.IsnSecret ?? RandomSecret());
            _isn = cfg.IsnSource ?? _keyedHash;
            InitializeTcp(cfg);
        }

        private static byte[] RandomSecret()
        {
            var secret = new byte[16];
            new System.Random().NextBytes(secret);
            return secret;
        }

        /// <summary>Event counters (frames, drops by reason, retransmissions, ...).</summary>
        public StackCounters Counters { get { return _ctx.Counters; } }

        /// <summary>Optional tracer; null (the default) costs nothing.</summary>
        public IStackTracer Tracer { get { return _ctx.Tracer; } set { _ctx.Tracer = value; } }

        /// <summary>Receives ICMP echo replies (the shell's ping). Null = replies are only counted.</summary>
        public IEchoReplyListener EchoListener { get { return _echoListener; } set { _echoListener = value; } }

        /// <summary>Our IPv4 address.</summary>
        public uint IpAddress { get { return _if.Ip; } }

        /// <summary>Number of TCP connection slots (<see cref="StackConfig.ConnectionSlots"/>).</summary>
        public int ConnectionSlotCount { get { return _tcbs.Length; } }

        /// <summary>Connection slots currently free (a leak shows up here).</summary>
        public int FreeConnectionSlots { get { return CountFreeSlots(); } }

        /// <summary>Number of ARP cache entries (<see cref="StackConfig.ArpEntries"/>).</summary>
        public int ArpEntryCount { get { return _if.ArpCapacity; } }

        /// <summary>
        /// Runs the stack once: ingress (up to <see cref="StackConfig.FramesPerPoll"/> frames), then every timer
        /// that is due, then egress (queued RSTs, the pending ping, every connection's output, ARP requests).
        /// Returns the absolute time (ms) by which Poll must run again even if no frame arrives
        /// (<paramref name="nowMs"/> itself when frames are still waiting), or long.MaxValue when nothing is armed.
        /// API calls made after Poll that queue work lower this deadline to the time of this Poll: read
        /// <see cref="PollAt"/> before sleeping.
        /// </summary>
        public long Poll(long nowMs)
        {
            _ctx.Now = nowMs;
            _ctx.WorkPending = false;
            _if.Announce();
            bool more = _if.IsUp && ReceiveFrames();
            RunTcpTimers();
            SendQueuedResets();
            if (_if.IsUp)
            {
                SendPendingEcho();
                DispatchTcp();
            }
            _if.SendArpRequests(); // last: output above may just have asked for a resolution
            _pollAt = more ? nowMs : NextDeadline();
            return _pollAt;
        }

        /// <summary>
        /// When <see cref="Poll"/> must run next: the deadline the last Poll returned, or the time of the last Poll
        /// when an API call has queued work since (Send, Receive that opened the window, Shutdown, Close, Abort,
        /// Connect, CloseListener, SendEchoRequest, SetNoDelay, SetKeepAlive). An application that sleeps until PollAt
        /// (or a frame) never stalls.
        /// </summary>
        public long PollAt { get { return _ctx.WorkPending ? _ctx.Now : _pollAt; } }

        private long NextDeadline()
        {
            long next = _if.NextDeadline();
            if (_echoPending && next > _ctx.Now + _ctx.Config.ArpRequestIntervalMs) next = _ctx.Now + _ctx.Config.ArpRequestIntervalMs;
            long tcp = NextTcpDeadline();
            return tcp < next ? tcp : next;
        }
    }
}
