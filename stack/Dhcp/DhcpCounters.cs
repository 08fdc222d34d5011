namespace NanoTcp.Dhcp
{
    /// <summary>Messages the DHCP client sent and accepted (drops: <see cref="DropReason.DhcpMalformed"/>, <see cref="DropReason.DhcpUnexpected"/>).</summary>
    public sealed class DhcpCounters
    {
        /// <summary>DHCPDISCOVER sent.</summary>
        public long Discovers;
        /// <summary>DHCPREQUEST sent (selecting, init-reboot, renewing, rebinding).</summary>
        public long Requests;
        /// <summary>DHCPDECLINE sent after an address conflict.</summary>
        public long Declines;
        /// <summary>DHCPRELEASE sent.</summary>
        public long Releases;
        /// <summary>DHCPOFFER accepted.</summary>
        public long Offers;
        /// <summary>DHCPACK accepted.</summary>
        public long Acks;
        /// <summary>DHCPNAK accepted.</summary>
        public long Naks;
        /// <summary>Leases that ran out (RFC 2131 §4.4.5).</summary>
        public long Expired;
        /// <summary>Address conflicts found by the ARP probe (RFC 5227).</summary>
        public long Conflicts;
    }
}
