namespace NanoTcp.Dns
{
    /// <summary>Outcome of a <see cref="DnsResolver"/> lookup: 0/positive while running or done, negative on failure.</summary>
    public static class DnsStatus
    {
        /// <summary>No lookup started.</summary>
        public const int Idle = 0;
        /// <summary>Query sent, waiting (poll the stack and look again).</summary>
        public const int Pending = 1;
        /// <summary>Done: <see cref="DnsResolver.Address"/> holds the answer.</summary>
        public const int Resolved = 2;
        /// <summary>The name does not exist (NXDOMAIN) or has no A record.</summary>
        public const int NotFound = -1;
        /// <summary>No server answered within <see cref="LanConfig.DnsAttempts"/> queries.</summary>
        public const int Timeout = -2;
        /// <summary>No DNS server is known (none from DHCP, none configured).</summary>
        public const int NoServer = -3;
        /// <summary>The name is not a valid host name (RFC 1123 §2.1), or too long.</summary>
        public const int InvalidName = -4;
        /// <summary>Every server refused or failed the query (SERVFAIL, REFUSED, ...).</summary>
        public const int Failed = -5;
    }
}
