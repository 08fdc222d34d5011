namespace NanoTcp.Firmware
{
    /// <summary>
    /// Names and values of the <see cref="StackCounters"/> fields and of the <see cref="DropReason"/> counters,
    /// by index, for <c>stats</c>. (enum.ToString() returns the number on nanoFramework, so names are spelled here.)
    /// </summary>
    public static class StackCounterTable
    {
        /// <summary>Number of plain counters.</summary>
        public const int Count = 30;

        /// <summary>Name of counter <paramref name="index"/>.</summary>
        public static string Name(int index)
        {
            switch (index)
            {
                case 0: return "frames_received";
                case 1: return "frames_sent";
                case 2: return "arp_requests_sent";
                case 3: return "arp_replies_sent";
                case 4: return "arp_received";
                case 5: return "arp_misses";
                case 6: return "icmp_echo_replies_sent";
                case 7: return "icmp_echo_requests_sent";
                case 8: return "icmp_echo_replies_received";
                case 9: return "icmp_unreachable_received";
                case 10: return "tcp_segments_received";
                case 11: return "tcp_segments_sent";
                case 12: return "tcp_retransmissions";
                case 13: return "tcp_fast_retransmits";
                case 14: return "tcp_timeouts";
                case 15: return "tcp_rst_sent";
                case 16: return "tcp_rst_received";
                case 17: return "tcp_challenge_acks";
                case 18: return "tcp_challenge_acks_suppressed";
                case 19: return "tcp_out_of_order_kept";
                case 20: return "tcp_duplicate_data";
                case 21: return "tcp_persist_probes";
                case 22: return "tcp_keepalive_probes";
                case 23: return "tcp_connections_established";
                case 24: return "tcp_connections_timed_out";
                case 25: return "tcp_time_wait_reclaimed";
                case 26: return "tcp_orphans_reclaimed";
                case 27: return "tcp_syn_cookies_sent";
                case 28: return "tcp_syn_cookies_validated";
                default: return "tcp_syn_cookies_rejected";
            }
        }

        /// <summary>Value of counter <paramref name="index"/>.</summary>
        public static long Value(StackCounters c, int index)
        {
            switch (index)
            {
                case 0: return c.FramesReceived;
                case 1: return c.FramesSent;
                case 2: return c.ArpRequestsSent;
                case 3: return c.ArpRepliesSent;
                case 4: return c.ArpReceived;
                case 5: return c.ArpMisses;
                case 6: return c.IcmpEchoRepliesSent;
                case 7: return c.IcmpEchoRequestsSent;
                case 8: return c.IcmpEchoRepliesReceived;
                case 9: return c.IcmpUnreachableReceived;
                case 10: return c.TcpSegmentsReceived;
                case 11: return c.TcpSegmentsSent;
                case 12: return c.TcpRetransmissions;
                case 13: return c.TcpFastRetransmits;
                case 14: return c.TcpTimeouts;
                case 15: return c.TcpRstSent;
                case 16: return c.TcpRstReceived;
                case 17: return c.TcpChallengeAcks;
                case 18: return c.TcpChallengeAcksSuppressed;
                case 19: return c.TcpOutOfOrderKept;
                case 20: return c.TcpDuplicateData;
                case 21: return c.TcpPersistProbes;
                case 22: return c.TcpKeepAliveProbes;
                case 23: return c.TcpConnectionsEstablished;
                case 24: return c.TcpConnectionsTimedOut;
                case 25: return c.TcpTimeWaitReclaimed;
                case 26: return c.TcpOrphansReclaimed;
                case 27: return c.TcpSynCookiesSent;
                case 28: return c.TcpSynCookiesValidated;
                default: return c.TcpSynCookiesRejected;
            }
        }

        /// <summary>Name of drop reason <paramref name="reason"/>.</summary>
        public static string DropName(DropReason reason)
        {
            switch (reason)
            {
                case DropReason.EthernetMalformed: return "ethernet_malformed";
                case DropReason.EthernetNotForUs: return "ethernet_not_for_us";
                case DropReason.EthernetUnknownType: return "ethernet_unknown_type";
                case DropReason.ArpMalformed: return "arp_malformed";
                case DropReason.ArpNotForUs: return "arp_not_for_us";
                case DropReason.IpMalformed: return "ip_malformed";
                case DropReason.IpChecksum: return "ip_checksum";
                case DropReason.IpNotForUs: return "ip_not_for_us";
                case DropReason.IpFragment: return "ip_fragment";
                case DropReason.IpBadSource: return "ip_bad_source";
                case DropReason.IpUnknownProtocol: return "ip_unknown_protocol";
                case DropReason.IcmpMalformed: return "icmp_malformed";
                case DropReason.IcmpChecksum: return "icmp_checksum";
                case DropReason.IcmpUnhandled: return "icmp_unhandled";
                case DropReason.TcpMalformed: return "tcp_malformed";
                case DropReason.TcpChecksum: return "tcp_checksum";
                case DropReason.TcpInvalid: return "tcp_invalid";
                case DropReason.TcpNoConnection: return "tcp_no_connection";
                case DropReason.TcpOutOfWindow: return "tcp_out_of_window";
                case DropReason.TcpUnacceptable: return "tcp_unacceptable";
                case DropReason.TcpBacklogFull: return "tcp_backlog_full";
                case DropReason.TcpNoSlot: return "tcp_no_slot";
                case DropReason.TcpOutOfOrderOverflow: return "tcp_out_of_order_overflow";
                case DropReason.ArpUnresolved: return "arp_unresolved";
                case DropReason.LinkTransmitFailed: return "link_transmit_failed";
                case DropReason.NoRoute: return "no_route";
                case DropReason.UdpMalformed: return "udp_malformed";
                case DropReason.UdpChecksum: return "udp_checksum";
                case DropReason.UdpNoPort: return "udp_no_port";
                case DropReason.UdpNotWanted: return "udp_not_wanted";
                case DropReason.UdpQueueFull: return "udp_queue_full";
                case DropReason.DhcpMalformed: return "dhcp_malformed";
                case DropReason.DhcpUnexpected: return "dhcp_unexpected";
                case DropReason.DnsMalformed: return "dns_malformed";
                case DropReason.DnsUnexpected: return "dns_unexpected";
                case DropReason.MdnsMalformed: return "mdns_malformed";
                case DropReason.SntpInvalid: return "sntp_invalid";
                default: return "other";
            }
        }
    }
}
