namespace NanoTcp.Firmware
{
    /// <summary>
    /// Everything the firmware application is configured with: addresses, the telnet service and the classic
    /// test services. The defaults make a usable device on a typical 192.168.1.0/24 LAN; the ESP32 entry point
    /// and the host virtual board overwrite what they need before constructing <see cref="FirmwareApplication"/>.
    /// Read once, at construction: later changes have no effect.
    /// </summary>
    public sealed class FirmwareSettings
    {
        /// <summary>
        /// The documented default MAC address: 02:4E:54:00:00:01 ("NT"). The first octet has the
        /// locally-administered bit set and the group bit clear (IEEE 802-2014 §8.2), so it can never collide with
        /// a vendor-assigned address. Give every board on one LAN its own.
        /// </summary>
        public static readonly byte[] DefaultMacAddress = { 0x02, 0x4E, 0x54, 0x00, 0x00, 0x01 };

        /// <summary>Ethernet address, 6 bytes. Default <see cref="DefaultMacAddress"/>.</summary>
        public byte[] MacAddress = (byte[])DefaultMacAddress.Clone();

        /// <summary>
        /// Take the address, mask, gateway, DNS and NTP servers by DHCP (RFC 2131). Default true. The static
        /// <see cref="IpAddress"/>, <see cref="SubnetMask"/> and <see cref="Gateway"/> are then the fallback used
        /// after <see cref="DhcpFallbackMs"/> without a lease (an <see cref="IpAddress"/> of 0 means no fallback).
        /// </summary>
        public bool Dhcp = true;

        /// <summary>With <see cref="Dhcp"/>: use the static address after this long without a lease; 0 = never. Default 30 000 ms.</summary>
        public int DhcpFallbackMs = 30000;

        /// <summary>Answer to &lt;HostName&gt;.local by multicast DNS (RFC 6762), so <c>telnet nanotcp.local</c> works. Default true.</summary>
        public bool Mdns = true;

        /// <summary>Keep network time by SNTP (RFC 4330) from the DHCP-given server or <see cref="NtpServer"/>. Default true.</summary>
        public bool Sntp = true;

        /// <summary>NTP server when DHCP gives none; 0 = none. Default 0.</summary>
        public uint NtpServer = 0;

        /// <summary>DNS server when DHCP gives none; 0 = none. Default 0.</summary>
        public uint DnsServer = 0;

        /// <summary>IPv4 address (the static one, or the DHCP fallback), first octet in the most significant byte. Default 192.168.1.50.</summary>
        public uint IpAddress = 0xC0A80132;

        /// <summary>Subnet mask. Default 255.255.255.0.</summary>
        public uint SubnetMask = 0xFFFFFF00;

        /// <summary>Default gateway; 0 for none. Default 192.168.1.1.</summary>
        public uint Gateway = 0xC0A80101;

        /// <summary>Host name used in the shell prompt, the banner, DHCP option 12 and the mDNS name &lt;HostName&gt;.local. Default "nanotcp".</summary>
        public string HostName = "nanotcp";

        /// <summary>
        /// Telnet login password (ASCII). Null or empty disables the login: every session goes straight to the shell.
        /// Default "nanotcp" — change it before the device leaves the bench.
        /// </summary>
        public string TelnetPassword = "nanotcp";

        /// <summary>True to run the telnet shell. Default true.</summary>
        public bool TelnetEnabled = true;

        /// <summary>TCP port of the telnet shell. Default 23 (RFC 854).</summary>
        public int TelnetPort = 23;

        /// <summary>Concurrent telnet sessions; a connection beyond this gets a one-line refusal. Default 2.</summary>
        public int TelnetSessions = 2;

        /// <summary>A session with no input for this long is closed. Default 300 000 ms (5 minutes).</summary>
        public int IdleTimeoutMs = 300000;

        /// <summary>A session that has not logged in within this time is closed. Default 60 000 ms.</summary>
        public int LoginTimeoutMs = 60000;

        /// <summary>Wrong passwords allowed per connection before it is closed. Default 3.</summary>
        public int MaxLoginAttempts = 3;

        /// <summary>
        /// Delay after a wrong password before the next password is checked, doubled for every further consecutive
        /// failure (device-wide, so parallel connections do not multiply the guessing rate) up to
        /// <see cref="LoginMaxDelayMs"/>. Default 1000 ms.
        /// </summary>
        public int LoginFailureDelayMs = 1000;

        /// <summary>Upper bound of the login back-off. Default 30 000 ms.</summary>
        public int LoginMaxDelayMs = 30000;

        /// <summary>Longest command line in characters; longer input is discarded up to the end of the line and reported. Default 128.</summary>
        public int MaxLineLength = 128;

        /// <summary>Per-session output staging buffer in bytes (echo, negotiation replies, command output). Default 1024, minimum 512.</summary>
        public int SessionOutputBufferSize = 1024;

        /// <summary>True to run the RFC 862 echo service. Default true.</summary>
        public bool EchoEnabled = true;

        /// <summary>TCP port of the echo service. Default 7 (RFC 862).</summary>
        public int EchoPort = 7;

        /// <summary>True to run the RFC 863 discard service. Default true.</summary>
        public bool DiscardEnabled = true;

        /// <summary>TCP port of the discard service. Default 9 (RFC 863); 5001 makes it a target for <c>iperf -c</c>.</summary>
        public int DiscardPort = 9;

        /// <summary>True to run the RFC 864 character generator. Default true.</summary>
        public bool ChargenEnabled = true;

        /// <summary>TCP port of the character generator. Default 19 (RFC 864).</summary>
        public int ChargenPort = 19;

        /// <summary>Concurrent connections per classic service (echo, discard, chargen). Default 2.</summary>
        public int ServiceConnections = 2;

        /// <summary>True to serve the web status page and /metrics over HTTP/1.1 (firmware/Http). Default true.</summary>
        public bool HttpEnabled = true;

        /// <summary>TCP port of the status page. Default 80.</summary>
        public int HttpPort = 80;

        /// <summary>
        /// HTTP connections served at once, one thread each (a further client waits in the listener's backlog of
        /// the same size). RAM per worker: a thread, 512 bytes of input, the response buffer (about 7 KB,
        /// sized from ConnectionSlots) and the request-head limits below. Default 2.
        /// </summary>
        public int HttpWorkers = 2;

        /// <summary>
        /// Time a client has to send a whole request head; after it the request is answered 408 and the connection
        /// closed (slowloris), or, when it sent nothing, just closed (idle keep-alive). Also bounds each response's
        /// send. Default 10 000 ms.
        /// </summary>
        public int HttpRequestTimeoutMs = 10000;

        /// <summary>Longest request line in bytes; longer ones are answered 414 (long target) or 400. Default 256.</summary>
        public int HttpMaxRequestLine = 256;

        /// <summary>Largest header section in bytes; larger ones are answered 431 (RFC 6585 §5). Default 1024.</summary>
        public int HttpMaxHeaderBytes = 1024;

        /// <summary>
        /// After an error answer or <c>Connection: close</c>, how long input is still read and discarded before the
        /// close, so that a client still sending reads the answer rather than a reset. Default 2000 ms.
        /// </summary>
        public int HttpLingerMs = 2000;

        /// <summary>The status page reloads itself every this many seconds. Default 5.</summary>
        public int HttpRefreshSeconds = 5;

        /// <summary>
        /// The stack configuration the application is built with. Tune buffer sizes and TCP parameters here;
        /// <see cref="BuildStackConfig"/> overwrites the addresses from the fields above.
        /// </summary>
        public readonly StackConfig Stack = new StackConfig();

        /// <summary>
        /// Copies the addresses and the LAN services (<see cref="StackConfig.Lan"/>) into <see cref="Stack"/>, raises
        /// <see cref="StackConfig.ListenerSlots"/> to at least the number of enabled services (HTTP included), and
        /// returns it, ready for <c>new NetworkStack(config, link)</c>.
        /// </summary>
        public StackConfig BuildStackConfig()
        {
            Stack.MacAddress = MacAddress;
            Stack.IpAddress = IpAddress;
            Stack.SubnetMask = SubnetMask;
            Stack.Gateway = Gateway;
            LanConfig lan = Stack.Lan;
            lan.HostName = HostName;
            lan.Dhcp = Dhcp;
            lan.DhcpFallbackMs = DhcpFallbackMs;
            lan.Mdns = Mdns;
            lan.Sntp = Sntp;
            if (NtpServer != 0) lan.SntpServer = NtpServer;
            if (DnsServer != 0) lan.DnsServers = new uint[] { DnsServer };
            int listeners = ListenersNeeded + (HttpEnabled ? 1 : 0);
            if (Stack.ListenerSlots < listeners) Stack.ListenerSlots = listeners;
            return Stack;
        }

        /// <summary>Listening ports the enabled services open (telnet, echo, discard, chargen).</summary>
        public int ListenersNeeded
        {
            get
            {
                int n = 0;
                if (TelnetEnabled) n++;
                if (EchoEnabled) n++;
                if (DiscardEnabled) n++;
                if (ChargenEnabled) n++;
                return n;
            }
        }
    }
}
