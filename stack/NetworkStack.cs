using NanoTcp.Tcp;
using NanoTcp.Udp;
using NanoTcp.Wire;

namespace NanoTcp
{
    /// <summary>
    /// The nanoTcp stack: Ethernet II, ARP, IPv4, ICMP echo, TCP and UDP (with the DHCP, DNS, mDNS and SNTP
    /// services) over one <see cref="ILink"/>.
    /// Everything is allocated in the constructor from a <see cref="StackConfig"/>; afterwards no call allocates.
    /// Single-threaded: call every member from the thread that calls <see cref="Poll"/>.
    /// </summary>
    /// <remarks>
    /// Shape (smoltcp's interface/socket split): this class demultiplexes input, owns the connection slots, the
    /// listener table, the <see cref="NetworkInterface"/> (ARP and the one IPv4 egress path), the
    /// <see cref="UdpLayer"/> (ports, sockets, UDP input) and the <see cref="LanServices"/>; each
    /// <see cref="TcpConnection"/> owns its state and behaviour. Declared in NetworkStack.cs (poll contract),
    /// NetworkStack.Input.cs (Ethernet/IPv4 input), NetworkStack.Icmp.cs, NetworkStack.Tcp.cs (TCP demultiplexing and
    /// slots) and Tcp/TcpApi.cs (the TCP API).
    /// </remarks>
    public sealed partial class NetworkStack
    {
        private readonly StackContext _ctx;
        private readonly NetworkInterface _if;
        private readonly byte[] _rx;
        private readonly UdpLayer _udp;
        private readonly LanServices _lan;
        private IEchoReplyListener _echoListener;
        private long _pollAt = long.MaxValue;
        private long _lanDeadline = long.MaxValue;

        /// <summary>Creates the stack and allocates every buffer and table from <paramref name="config"/>.</summary>
        public NetworkStack(StackConfig config, ILink link)
        {
            StackConfig cfg = config ?? new StackConfig();
            _ctx = new StackContext(cfg);
            int frame = cfg.MaxFrameSize < 128 ? 128 : cfg.MaxFrameSize;
            _if = new NetworkInterface(_ctx, link, frame);
            _rx = _if.Rx;
            _ctx.Interface = _if;
            int maxMss = frame - NetworkInterface.IpPayloadOffset - TcpHeader.MinLength;
            _ctx.Mss = cfg.Mss < 64 ? 64 : (cfg.Mss > maxMss ? maxMss : cfg.Mss);
            _keyedHash = new InitialSequenceNumber(cfg.IsnSecret ?? RandomSecret());
            _isn = cfg.IsnSource ?? _keyedHash;
            InitializeTcp(cfg);
            LanConfig lan = cfg.Lan ?? new LanConfig();
            if (cfg.Lan == null) cfg.Lan = lan;
            _udp = new UdpLayer(_ctx, _if, this, lan, LanServices.BindingCount(lan));
            _lan = new LanServices(_udp, cfg);
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

        /// <summary>Our IPv4 address (0 while DHCP has none).</summary>
        public uint IpAddress { get { return _if.Ip; } }

        /// <summary>Our subnet mask.</summary>
        public uint SubnetMask { get { return _if.Mask; } }

        /// <summary>Our default gateway (0 = none).</summary>
        public uint Gateway { get { return _if.Gateway; } }

        /// <summary>Changes every time the address, mask or gateway is set or lost (DHCP); an application polls it to notice.</summary>
        public int AddressGeneration { get { return _udp.AddressGeneration; } }

        /// <summary>
        /// Sets our address, mask and gateway at run time (DHCP does; an application may for a static change).
        /// Address 0 means none. When the old address goes away every TCP connection bound to it is reset
        /// (RFC 2131 §4.4.5: the client must stop using the address); a new one is announced by a gratuitous ARP
        /// on the next Poll (RFC 5227 §2.3).
        /// </summary>
        public void SetAddress(uint ip, uint mask, uint gateway)
        {
            uint old = _if.Ip;
            if (ip == old && mask == _if.Mask && gateway == _if.Gateway) return;
            _if.SetAddress(ip, mask, gateway);
            if (old != 0 && ip != old) ResetConnectionsOnAddressLoss();
            _udp.AddressChanged();
            _ctx.WorkPending = true;
        }

        /// <summary>
        /// Opens a UDP socket on <paramref name="port"/> (0 = an ephemeral port, RFC 6335 §6). Returns null when
        /// every socket (<see cref="LanConfig.UdpSockets"/>) is in use, or the port is bound already or out of range.
        /// </summary>
        public UdpSocket OpenUdp(int port) { return _udp.Open(port); }

        /// <summary>UDP traffic counters (drops are under the Udp* <see cref="DropReason"/>s).</summary>
        public UdpCounters UdpCounters { get { return _udp.UdpCounters; } }

        /// <summary>The DHCP client, or null when <see cref="LanConfig.Dhcp"/> is off.</summary>
        public Dhcp.DhcpClient Dhcp { get { return _lan.Dhcp; } }

        /// <summary>The DNS stub resolver (always present; it needs a server from DHCP or <see cref="LanConfig.DnsServers"/>).</summary>
        public Dns.DnsResolver Dns { get { return _lan.Dns; } }

        /// <summary>The mDNS responder (&lt;HostName&gt;.local), or null when <see cref="LanConfig.Mdns"/> is off.</summary>
        public Mdns.MdnsResponder Mdns { get { return _lan.Mdns; } }

        /// <summary>The SNTP client, or null when <see cref="LanConfig.Sntp"/> is off.</summary>
        public Sntp.SntpClient Sntp { get { return _lan.Sntp; } }

        /// <summary>Number of TCP connection slots (<see cref="StackConfig.ConnectionSlots"/>).</summary>
        public int ConnectionSlotCount { get { return _tcbs.Length; } }

        /// <summary>Connection slots currently free (a leak shows up here).</summary>
        public int FreeConnectionSlots { get { return CountFreeSlots(); } }

        /// <summary>Number of ARP cache entries (<see cref="StackConfig.ArpEntries"/>).</summary>
        public int ArpEntryCount { get { return _if.ArpCapacity; } }

        /// <summary>
        /// Runs the stack once: ingress (up to <see cref="StackConfig.FramesPerPoll"/> frames), the LAN services
        /// (DHCP, DNS, mDNS, SNTP), queued RSTs, the pending ping, every TCP connection's due timers and output
        /// (skipped when none can have work), and last the ARP requests.
        /// Returns the absolute time (ms) by which Poll must run again even if no frame arrives
        /// (<paramref name="nowMs"/> itself when frames are still waiting), or long.MaxValue when nothing is armed.
        /// API calls made after Poll that queue work lower this deadline to the time of this Poll: read
        /// <see cref="PollAt"/> before sleeping.
        /// </summary>
        public long Poll(long nowMs)
        {
            _ctx.Now = nowMs;
            // The TCP passes run only when they can have work (TcpPassDue); a frame read below also brings them.
            bool tcp = _ctx.WorkPending || nowMs >= _tcpDeadline;
            _ctx.WorkPending = false;
            bool up = _if.IsUp; // once per Poll: an interface call into the driver
            _if.Announce(up);
            bool more = up && ReceiveFrames();
            _lanDeadline = _lan.Poll(nowMs);
            // The queue and the ping are tested here, not in their senders: nearly every Poll has neither, and a
            // call frame apiece is the price on the interpreter.
            if (_ctx.Resets.Count > 0) SendQueuedResets();
            if (up && _echoPending) SendPendingEcho();
            if (tcp || _tcpDeadline == Unknown) RunTcp(up);
            _if.SendArpRequests(up); // last: output above may just have asked for a resolution
            _pollAt = more ? nowMs : NextDeadline(up);
            return _pollAt;
        }

        /// <summary>
        /// When <see cref="Poll"/> must run next: the deadline the last Poll returned, or the time of the last Poll
        /// when an API call has queued work since (Send, Receive that opened the window, Shutdown, Close, Abort,
        /// Connect, CloseListener, SendEchoRequest, SetNoDelay, SetKeepAlive, SetAddress, a DNS lookup, a DHCP
        /// start/renew/release, an SNTP refresh). An application that sleeps until PollAt
        /// (or a frame) never stalls.
        /// </summary>
        public long PollAt { get { return _ctx.WorkPending ? _ctx.Now : _pollAt; } }

        private long NextDeadline(bool up)
        {
            long next = _if.NextDeadline(up);
            if (_echoPending && next > _ctx.Now + _ctx.Config.ArpRequestIntervalMs) next = _ctx.Now + _ctx.Config.ArpRequestIntervalMs;
            long tcp = NextTcpDeadline();
            if (tcp < next) next = tcp;
            return _lanDeadline < next ? _lanDeadline : next;
        }
    }
}
