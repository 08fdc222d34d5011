namespace NanoTcp
{
    /// <summary>
    /// Why a received frame (or a frame waiting for output) was dropped. Each reason has its own counter
    /// (<see cref="StackCounters.Drops"/>); bad input never causes anything but a counter increment.
    /// </summary>
    public enum DropReason
    {
        /// <summary>Shorter than an Ethernet header, or longer than the receive buffer.</summary>
        EthernetMalformed = 0,
        /// <summary>Destination MAC is neither ours nor broadcast.</summary>
        EthernetNotForUs,
        /// <summary>EtherType other than IPv4 or ARP (IPv6, VLAN, LLDP, ...).</summary>
        EthernetUnknownType,
        /// <summary>ARP packet that is not Ethernet/IPv4, truncated, or an unknown opcode.</summary>
        ArpMalformed,
        /// <summary>ARP packet not about us (neither target nor a cached sender).</summary>
        ArpNotForUs,
        /// <summary>IPv4 header: wrong version, IHL &lt; 5, total length inconsistent with the frame.</summary>
        IpMalformed,
        /// <summary>IPv4 header checksum wrong (RFC 1122 3.2.1.2: silently discard).</summary>
        IpChecksum,
        /// <summary>IPv4 destination is not our unicast address (broadcast and multicast included), or it came as an Ethernet broadcast (RFC 1122 3.3.6).</summary>
        IpNotForUs,
        /// <summary>A fragment (MF set or offset ≠ 0): nanoTcp does not reassemble (documented; MSS keeps peers from fragmenting).</summary>
        IpFragment,
        /// <summary>Source address is broadcast, multicast, loopback or ours (RFC 1122 3.2.1.3).</summary>
        IpBadSource,
        /// <summary>Protocol other than ICMP or TCP.</summary>
        IpUnknownProtocol,
        /// <summary>ICMP message truncated.</summary>
        IcmpMalformed,
        /// <summary>ICMP checksum wrong.</summary>
        IcmpChecksum,
        /// <summary>ICMP type we do not handle, or an echo request too large to answer in one frame.</summary>
        IcmpUnhandled,
        /// <summary>TCP header truncated, data offset out of range, malformed options.</summary>
        TcpMalformed,
        /// <summary>TCP checksum wrong.</summary>
        TcpChecksum,
        /// <summary>Port 0, or SYN with RST or FIN (nonsense combinations; dropped like Linux does).</summary>
        TcpInvalid,
        /// <summary>No connection and no listener: answered with RST (unless the segment itself was a RST).</summary>
        TcpNoConnection,
        /// <summary>Segment outside the receive window (answered with an ACK unless it was a RST).</summary>
        TcpOutOfWindow,
        /// <summary>Segment unacceptable for the state (bad ACK, RST/SYN checks of RFC 5961, ...).</summary>
        TcpUnacceptable,
        /// <summary>SYN dropped because the listener's backlog is full (no RST, so the client retries).</summary>
        TcpBacklogFull,
        /// <summary>SYN dropped because every connection slot is busy and none could be reclaimed.</summary>
        TcpNoSlot,
        /// <summary>Out-of-order segment that did not fit the bounded reassembly table.</summary>
        TcpOutOfOrderOverflow,
        /// <summary>Frame (not TCP) that needed ARP resolution first: dropped (documented policy).</summary>
        ArpUnresolved,
        /// <summary>The link refused a frame we sent (TCP data and FIN are retransmitted by the RTO; an owed ACK is retried next Poll).</summary>
        LinkTransmitFailed,
        /// <summary>SYN from an off-subnet source while no gateway is configured: there is no route to answer it.</summary>
        NoRoute,
        /// <summary>UDP header truncated, length field out of range, or destination port 0 (RFC 768).</summary>
        UdpMalformed,
        /// <summary>UDP checksum wrong (RFC 1122 4.1.3.4: silently discard).</summary>
        UdpChecksum,
        /// <summary>No socket bound to the destination port (a unicast one is answered with ICMP port unreachable, rate-limited).</summary>
        UdpNoPort,
        /// <summary>Broadcast or multicast datagram for a port that did not ask for that destination.</summary>
        UdpNotWanted,
        /// <summary>The socket's receive queue had no room for the datagram.</summary>
        UdpQueueFull,
        /// <summary>DHCP message truncated, wrong op/hardware type/cookie, or options running past the end (RFC 2131 §2).</summary>
        DhcpMalformed,
        /// <summary>DHCP reply not for our transaction (xid, chaddr) or unexpected in the current state (a second server's offer, a rogue server after bound).</summary>
        DhcpUnexpected,
        /// <summary>DNS reply truncated, bad label or pointer (loops, out of range), or too many records (RFC 1035 §4.1).</summary>
        DnsMalformed,
        /// <summary>DNS reply that does not match the outstanding query (id, source, question).</summary>
        DnsUnexpected,
        /// <summary>mDNS message malformed (RFC 6762 / RFC 1035 §4.1 format errors).</summary>
        MdnsMalformed,
        /// <summary>SNTP reply malformed or not matching our request (RFC 4330 §5: originate timestamp, mode, stratum 0).</summary>
        SntpInvalid,
        /// <summary>Not a drop reason: the number of reasons (array size).</summary>
        Count,
    }
}
