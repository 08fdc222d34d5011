namespace NanoTcp.Arp
{
    /// <summary>
    /// Sees every valid ARP packet the interface receives, before the cache does: the DHCP client's address
    /// conflict detection (RFC 5227 §2.1.1) listens here for a host that already uses, or probes for, the
    /// address it was offered.
    /// </summary>
    internal interface IArpObserver
    {
        /// <summary>An ARP packet: its operation, sender and target addresses, and whether we sent it (a looped-back frame).</summary>
        void ObserveArp(int operation, uint senderIp, uint targetIp, bool senderIsUs);
    }
}
