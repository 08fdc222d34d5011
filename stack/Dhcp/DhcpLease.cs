namespace NanoTcp.Dhcp
{
    /// <summary>What the server gave us (RFC 2131 / 2132), with the absolute times (ms, the Poll clock) the lease runs out.</summary>
    public sealed class DhcpLease
    {
        /// <summary>Our address (yiaddr).</summary>
        public uint Address;
        /// <summary>Option 1 (or the classful default when absent).</summary>
        public uint SubnetMask;
        /// <summary>First address of option 3; 0 = none.</summary>
        public uint Router;
        /// <summary>Up to two addresses of option 6.</summary>
        public uint Dns1, Dns2;
        /// <summary>First address of option 42; 0 = none.</summary>
        public uint NtpServer;
        /// <summary>Option 54: the server that leased the address.</summary>
        public uint Server;
        /// <summary>Option 51 in seconds (0xFFFFFFFF = infinite).</summary>
        public uint LeaseSeconds;
        /// <summary>When the request that obtained the lease was sent (RFC 2131 §4.4.1: times count from then).</summary>
        public long StartMs;
        /// <summary>Absolute T1 (renew), T2 (rebind) and expiry; long.MaxValue for an infinite lease.</summary>
        public long RenewAtMs, RebindAtMs, ExpiresAtMs;

        internal void Clear()
        {
            Address = SubnetMask = Router = Dns1 = Dns2 = NtpServer = Server = LeaseSeconds = 0;
            StartMs = 0;
            RenewAtMs = RebindAtMs = ExpiresAtMs = long.MaxValue;
        }

        internal void CopyFrom(DhcpLease other)
        {
            Address = other.Address; SubnetMask = other.SubnetMask; Router = other.Router;
            Dns1 = other.Dns1; Dns2 = other.Dns2; NtpServer = other.NtpServer; Server = other.Server;
            LeaseSeconds = other.LeaseSeconds; StartMs = other.StartMs;
            RenewAtMs = other.RenewAtMs; RebindAtMs = other.RebindAtMs; ExpiresAtMs = other.ExpiresAtMs;
        }
    }
}
