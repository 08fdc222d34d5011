namespace NanoTcp.Dhcp
{
    /// <summary>The DHCP client states (RFC 2131 §4.4, figure 5), plus probing (RFC 5227) and stopped.</summary>
    public enum DhcpState
    {
        /// <summary>Not running: DHCP disabled, or released by the application.</summary>
        Stopped = 0,
        /// <summary>About to send DHCPDISCOVER.</summary>
        Init,
        /// <summary>DHCPDISCOVER sent, waiting for an offer.</summary>
        Selecting,
        /// <summary>DHCPREQUEST for an offer sent, waiting for ACK/NAK.</summary>
        Requesting,
        /// <summary>About to ask for the last address again (after a restart or a link flap, RFC 2131 §3.2).</summary>
        InitReboot,
        /// <summary>INIT-REBOOT DHCPREQUEST sent, waiting for ACK/NAK.</summary>
        Rebooting,
        /// <summary>ACK received; probing the address with ARP before using it (RFC 5227 §2.1).</summary>
        Probing,
        /// <summary>The address is ours until T1.</summary>
        Bound,
        /// <summary>Past T1: unicast DHCPREQUEST to the leasing server.</summary>
        Renewing,
        /// <summary>Past T2: broadcast DHCPREQUEST to any server.</summary>
        Rebinding,
        /// <summary>Giving the address back: DHCPRELEASE waits for the server's MAC (ARP), then the address goes (Stopped).</summary>
        Releasing,
    }
}
