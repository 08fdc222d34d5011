namespace NanoTcp
{
    /// <summary>
    /// The nanoTcp stack: Ethernet II, ARP, IPv4, ICMP echo and TCP over one <see cref="ILink"/>.
    /// Everything is allocated in the constructor from a <see cref="StackConfig"/>; afterwards no call allocates.
    /// Single-threaded: call every member from the thread that calls <see cref="Poll"/>.
    /// </summary>
    public sealed partial class NetworkStack
    {
        /// <summary>Creates the stack and allocates every buffer and table from <paramref name="config"/>.</summary>
        public NetworkStack(StackConfig config, ILink link)
        {
            Initialize(config, link);
        }

        /// <summary>Event counters (frames, drops by reason, retransmissions, ...).</summary>
        public StackCounters Counters { get { return _counters; } }

        /// <summary>Optional tracer; null (the default) costs nothing.</summary>
        public IStackTracer Tracer { get { return _tracer; } set { _tracer = value; } }

        /// <summary>Receives ICMP echo replies (the shell's ping). Null = replies are only counted.</summary>
        public IEchoReplyListener EchoListener { get { return _echoListener; } set { _echoListener = value; } }

        /// <summary>Our IPv4 address.</summary>
        public uint IpAddress { get { return _ip; } }

        /// <summary>Number of TCP connection slots (<see cref="StackConfig.ConnectionSlots"/>).</summary>
        public int ConnectionSlotCount { get { return _tcbs.Length; } }

        /// <summary>Connection slots currently free (a leak shows up here).</summary>
        public int FreeConnectionSlots { get { return CountFreeSlots(); } }

        /// <summary>Number of ARP cache entries (<see cref="StackConfig.ArpEntries"/>).</summary>
        public int ArpEntryCount { get { return _arp.Capacity; } }
    }
}
