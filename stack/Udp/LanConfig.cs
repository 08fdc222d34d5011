namespace NanoTcp
{
    /// <summary>
    /// Settings of UDP and the LAN services built on it (DHCP, DNS, mDNS, SNTP): <see cref="StackConfig.Lan"/>.
    /// Everything is allocated by the <see cref="NetworkStack"/> constructor from these values. The stack's
    /// defaults keep the static address of <see cref="StackConfig"/> and start no service; the firmware turns
    /// DHCP, mDNS and SNTP on.
    /// </summary>
    public sealed class LanConfig
    {
        // ---- UDP (RFC 768) -------------------------------------------------------------------------------

        /// <summary>Sockets an application can open with <see cref="NetworkStack.OpenUdp(int)"/>. Default 2.</summary>
        public int UdpSockets = 2;

        /// <summary>Receive queue of each application socket in bytes (datagrams + 8 bytes each). Default 1024.</summary>
        public int UdpReceiveBufferSize = 1024;

        /// <summary>ICMP port unreachable messages per second for datagrams to closed ports (RFC 1122 4.1.3.1, rate-limited as RFC 1812 4.3.2.8 asks); 0 = never. Default 10.</summary>
        public int PortUnreachablePerSecond = 10;

        /// <summary>Seed of the generator behind DHCP/DNS transaction ids, source ports and backoff jitter; 0 = from <see cref="System.Random"/> at construction (set it from a hardware RNG on the device; tests fix it).</summary>
        public int RandomSeed = 0;

        /// <summary>Host name: DHCP option 12 (RFC 2132 §3.14) and the mDNS name &lt;HostName&gt;.local. Letters, digits and hyphens (RFC 1123 §2.1). Default "nanotcp".</summary>
        public string HostName = "nanotcp";

        // ---- DHCP client (RFC 2131 / 2132) -----------------------------------------------------------------

        /// <summary>Take the address by DHCP; the static <see cref="StackConfig.IpAddress"/> is then only the fallback (see <see cref="DhcpFallbackMs"/>). Default false.</summary>
        public bool Dhcp = false;

        /// <summary>Address to ask for first (INIT-REBOOT, RFC 2131 §3.2) — the last lease, kept by the application across restarts; 0 = none. Default 0.</summary>
        public uint DhcpLastAddress = 0;

        /// <summary>Probe the offered address with ARP before using it and DECLINE on a conflict (RFC 5227 §2.1, RFC 2131 §2.2). Default true.</summary>
        public bool DhcpProbe = true;

        /// <summary>With DHCP on: when no lease was obtained within this time and <see cref="StackConfig.IpAddress"/> is not 0, use the static address (DHCP keeps trying in the background). 0 = never. Default 0.</summary>
        public int DhcpFallbackMs = 0;

        // ---- DNS stub resolver (RFC 1035) --------------------------------------------------------------------

        /// <summary>DNS servers used when DHCP gives none (option 6). Null = none. Default null.</summary>
        public uint[] DnsServers = null;

        /// <summary>Names cached with their address, up to their TTL (RFC 1035 §7.4). Default 4.</summary>
        public int DnsCacheEntries = 4;

        /// <summary>Time to wait for an answer before the query goes to the next server (RFC 1035 §4.2.1, RFC 1536). Default 2000 ms.</summary>
        public int DnsTimeoutMs = 2000;

        /// <summary>Queries sent per lookup, over all servers, before it fails. Default 4.</summary>
        public int DnsAttempts = 4;

        // ---- mDNS responder (RFC 6762) ---------------------------------------------------------------------

        /// <summary>Answer A queries for &lt;HostName&gt;.local on 224.0.0.251:5353, probing and announcing the name. Default false.</summary>
        public bool Mdns = false;

        // ---- SNTP client (RFC 4330) -----------------------------------------------------------------------

        /// <summary>Keep network time (SNTP). Default false.</summary>
        public bool Sntp = false;

        /// <summary>NTP server used when DHCP gives none (option 42); 0 = none. Default 0.</summary>
        public uint SntpServer = 0;

        /// <summary>Interval between time requests once synchronised; RFC 4330 §10 asks for no less than 15 s, we default to 1 hour.</summary>
        public int SntpIntervalMs = 3600000;
    }
}
