namespace NanoTcp
{
    /// <summary>
    /// Every tunable of the stack, with its default and the document it comes from. The
    /// <see cref="NetworkStack"/> constructor allocates every buffer and table from it (sizes, slot counts, ARP
    /// table, challenge-ACK budget, addresses and ISN source are fixed then); the stack keeps the object and reads
    /// the timer and policy values (retry budgets, TIME-WAIT, FIN-WAIT-2, keepalive, delayed ACK, Nagle, backlog
    /// limit, TTL, ephemeral range) when it uses them, so those may be changed between Polls.
    /// </summary>
    public sealed class StackConfig
    {
        // ---- Addresses --------------------------------------------------------------------------------

        /// <summary>Our Ethernet address (6 bytes). Default 02:00:00:00:00:01, a locally administered unicast address (IEEE 802, U/L bit set).</summary>
        public byte[] MacAddress = new byte[] { 0x02, 0x00, 0x00, 0x00, 0x00, 0x01 };

        /// <summary>Our IPv4 address (<see cref="Ip4.Address"/>). Default 192.0.2.2 (RFC 5737 documentation range).</summary>
        public uint IpAddress = 0xC0000202;

        /// <summary>Subnet mask. Default 255.255.255.0.</summary>
        public uint SubnetMask = 0xFFFFFF00;

        /// <summary>Default gateway for off-subnet destinations; 0 = none (off-subnet traffic is unreachable). Default 192.0.2.1.</summary>
        public uint Gateway = 0xC0000201;

        /// <summary>IPv4 time-to-live of everything we send. Default 64 (RFC 1700 / IANA recommended default, RFC 1122 3.2.1.7).</summary>
        public int TimeToLive = 64;

        // ---- Sizes (everything is allocated from these at construction) --------------------------------

        /// <summary>Largest Ethernet frame (without FCS) sent or received. Default 1514 = 1500 MTU + 14 (RFC 894).</summary>
        public int MaxFrameSize = 1514;

        /// <summary>Frames read from the link per <see cref="NetworkStack.Poll"/> before timers and output run (bounds the time a poll takes). Default 16.</summary>
        public int FramesPerPoll = 16;

        /// <summary>TCP connection slots (TCBs), including TIME-WAIT and not yet accepted connections. Default 8.</summary>
        public int ConnectionSlots = 8;

        /// <summary>Listener slots (ports in LISTEN). Default 4.</summary>
        public int ListenerSlots = 4;

        /// <summary>Largest backlog a listener may ask for (connections in SYN-RECEIVED or waiting for Accept). Default 4.</summary>
        public int MaxBacklog = 4;

        /// <summary>
        /// Connection slots half-open (SYN-RECEIVED) entries may never take: a SYN that arrives when no more than
        /// this many slots are available (free, a reclaimable TIME-WAIT, or an orphan in LAST-ACK/CLOSING) gets a
        /// SYN cookie instead of a slot (<see cref="SynCookies"/>). So a flooded listener cannot take the slots that
        /// <c>Connect</c>, other listeners and completed (cookie) handshakes need. Capped at a quarter of
        /// <see cref="ConnectionSlots"/>. Default 2 (RFC 4987 §3.2-§3.4 discuss backlog sizing; this reserve is our
        /// own policy).
        /// </summary>
        public int HalfOpenReserve = 2;

        /// <summary>
        /// Answer SYNs that may not take a slot (backlog full, or slots short: <see cref="HalfOpenReserve"/>) with
        /// SYN cookies (RFC 4987 §3.6) instead of dropping them. A cookie connection carries only a coarse MSS
        /// (one of 8 values, rounded down) and no window scale, SACK or timestamps (the stack uses none), and its
        /// SYN+ACK is never retransmitted (the client's SYN retransmission asks again). Default true.
        /// </summary>
        public bool SynCookies = true;

        /// <summary>Per-connection send buffer in bytes (unacknowledged + unsent data). Default 4096.</summary>
        public int SendBufferSize = 4096;

        /// <summary>Per-connection receive buffer in bytes; also the largest window we advertise (no window scaling, so at most 65535). Default 4096.</summary>
        public int ReceiveBufferSize = 4096;

        /// <summary>Out-of-order ranges kept per connection for reassembly (RFC 9293 §3.10.7.4 allows keeping them; bounded so a peer cannot exhaust memory). The data itself lives in the receive buffer. 0 = discard out-of-order data. Default 4.</summary>
        public int OutOfOrderRanges = 4;

        // ---- TCP segment size ---------------------------------------------------------------------------

        /// <summary>MSS we announce and the largest segment we send: MTU − 40 = 1460 by default (RFC 9293 §3.7.1, RFC 879). Clamped to what <see cref="MaxFrameSize"/> allows.</summary>
        public int Mss = 1460;

        /// <summary>Send MSS assumed when the peer's SYN has no MSS option: 536 (RFC 9293 §3.7.1, RFC 1122 4.2.2.6).</summary>
        public int DefaultPeerMss = 536;

        /// <summary>Smallest peer MSS honoured; smaller values (including 0) are clamped up. Default 64 (RFC 9293 §3.7.1 MUST handle; smoltcp clamps at 48; Linux at 48..88).</summary>
        public int MinPeerMss = 64;

        // ---- Retransmission (RFC 6298) and retry budgets -------------------------------------------------

        /// <summary>Initial RTO before any RTT sample: 1 s (RFC 6298 §2.1).</summary>
        public int InitialRtoMs = 1000;

        /// <summary>Lower bound of the RTO: 1 s (RFC 6298 §2.4 SHOULD; Linux uses 200 ms).</summary>
        public int MinRtoMs = 1000;

        /// <summary>Upper bound of the RTO and of every backoff: 60 s (RFC 6298 §2.5 allows a maximum of at least 60 s).</summary>
        public int MaxRtoMs = 60000;

        /// <summary>SYN retransmissions before Connect fails with TimedOut: 7 = 1+2+4+8+16+32+60 s, giving up 60 s after the last one, 183 s in all (RFC 9293 §3.8.3 MUST-23 / RFC 1122 4.2.3.5: R2 for a SYN MUST cover at least 3 minutes; the application may Abort sooner).</summary>
        public int SynRetries = 7;

        /// <summary>SYN+ACK retransmissions before a half-open passive connection is dropped (slot freed): 4 (≈ 31 s). A deliberate deviation from MUST-23's 3 minutes for the passive side, as Linux (tcp_synack_retries = 5): half-open connections hold backlog slots, and the client's own SYN retransmissions restart the handshake.</summary>
        public int SynAckRetries = 4;

        /// <summary>Data retransmissions (consecutive timeouts) before the connection is aborted: 12 (RFC 1122 4.2.3.5 R2 ≥ 100 s; with backoff and a 60 s cap this is ≈ 8 minutes, Linux tcp_retries2 = 15).</summary>
        public int DataRetries = 12;

        /// <summary>FIN retransmissions in FIN-WAIT-1, CLOSING and LAST-ACK before the slot is freed. Default 8 (Linux tcp_orphan_retries = 8).</summary>
        public int FinRetries = 8;

        /// <summary>Zero-window probes without any answer before the connection is aborted (as long as the peer answers, probing continues forever, RFC 1122 4.2.2.17). Default 12.</summary>
        public int PersistRetries = 12;

        // ---- Closing timers ------------------------------------------------------------------------------

        /// <summary>TIME-WAIT duration (2MSL). Default 60 s = 2 × 30 s. RFC 9293 §3.4.2 suggests MSL = 2 min (240 s); we follow Linux (TCP_TIMEWAIT_LEN 60 s) because slots are scarce, and reclaim the oldest TIME-WAIT when every slot is busy.</summary>
        public int TimeWaitMs = 60000;

        /// <summary>How long FIN-WAIT-2 may last after the application closed before the slot is freed (not in the RFC; prevents stuck slots, Linux tcp_fin_timeout). Default 60 s.</summary>
        public int FinWait2TimeoutMs = 60000;

        // ---- Keepalive (RFC 1122 4.2.3.6) ------------------------------------------------------------------

        /// <summary>Send keepalive probes on idle connections. Default false (RFC 1122 4.2.3.6: MUST default to off). Per connection: <see cref="NetworkStack.SetKeepAlive"/>.</summary>
        public bool KeepAliveEnabled = false;

        /// <summary>Idle time before the first keepalive probe: 2 h (RFC 1122 4.2.3.6, MUST be ≥ 2 h by default).</summary>
        public int KeepAliveIdleMs = 7200000;

        /// <summary>Interval between unanswered keepalive probes: 75 s (BSD/Linux tcp_keepalive_intvl).</summary>
        public int KeepAliveIntervalMs = 75000;

        /// <summary>Unanswered keepalive probes before the connection is aborted: 10 (BSD; Linux tcp_keepalive_probes = 9).</summary>
        public int KeepAliveProbes = 10;

        // ---- ACK and send policy -----------------------------------------------------------------------

        /// <summary>Delay ACKs (RFC 1122 4.2.3.2 SHOULD; every second full-sized segment is still ACKed at once, RFC 5681 §4.2). Default true. Per connection: <see cref="NetworkStack.SetDelayedAck"/>.</summary>
        public bool DelayedAck = true;

        /// <summary>Delayed-ACK timeout: 100 ms (RFC 1122 4.2.3.2: MUST be below 0.5 s; Zephyr 100 ms, lwIP 250 ms).</summary>
        public int DelayedAckMs = 100;

        /// <summary>Nagle algorithm: hold back small segments while data is unacknowledged (RFC 1122 4.2.3.4 / RFC 896). Default true. Per connection: <see cref="NetworkStack.SetNoDelay"/>.</summary>
        public bool Nagle = true;

        /// <summary>Challenge ACKs allowed per second per connection (RFC 5961 §7 "ChallengeACKLimit"; per connection rather than global to avoid the CVE-2016-5696 side channel). Default 10.</summary>
        public int ChallengeAcksPerSecond = 10;

        // ---- Ports and sequence numbers --------------------------------------------------------------------

        /// <summary>First ephemeral port for <see cref="NetworkStack.Connect(uint,int)"/>: 49152 (RFC 6335 §6).</summary>
        public int EphemeralPortFirst = 49152;

        /// <summary>Last ephemeral port: 65535 (RFC 6335 §6).</summary>
        public int EphemeralPortLast = 65535;

        /// <summary>Secret key (16 bytes) of the RFC 6528 ISN generator. Null = derived at construction from <see cref="System.Random"/> (set it from a hardware RNG on the device).</summary>
        public byte[] IsnSecret = null;

        /// <summary>Replaces the RFC 6528 generator (tests use fixed ISNs to reproduce captures). Default null.</summary>
        public IInitialSequenceNumbers IsnSource = null;

        // ---- ARP (RFC 826, RFC 1122 2.3.2) ------------------------------------------------------------------

        /// <summary>ARP cache entries. Default 8.</summary>
        public int ArpEntries = 8;

        /// <summary>Lifetime of a resolved ARP entry: 60 s (RFC 1122 2.3.2.1 requires a timeout; Linux base_reachable_time 30 s ± 50 %).</summary>
        public int ArpEntryTimeoutMs = 60000;

        /// <summary>Minimum interval between ARP requests for one address: 1 s (RFC 1122 2.3.2.1: at most one per second per destination).</summary>
        public int ArpRequestIntervalMs = 1000;

        /// <summary>ARP requests sent for one address before the pending entry is given up (TCP retries later through its own retransmissions). Default 5.</summary>
        public int ArpRequestRetries = 5;

        /// <summary>Announce our address with a gratuitous ARP on the first Poll (RFC 5227 §3). Default true.</summary>
        public bool GratuitousArp = true;

        // ---- UDP and LAN services ---------------------------------------------------------------------------

        /// <summary>UDP sockets, DHCP, DNS, mDNS and SNTP (<see cref="LanConfig"/>). Default: UDP only, static address.</summary>
        public LanConfig Lan = new LanConfig();
    }
}
