namespace NanoTcp
{
    /// <summary>
    /// Everything the stack counts. One instance per <see cref="NetworkStack"/>, updated in place (read it any time;
    /// the fields are plain longs, not synchronized).
    /// </summary>
    public sealed class StackCounters
    {
        private readonly long[] _drops = new long[(int)DropReason.Count];

        /// <summary>Frames taken from the link.</summary>
        public long FramesReceived;
        /// <summary>Frames the link accepted for transmission.</summary>
        public long FramesSent;
        /// <summary>ARP requests sent (gratuitous, resolution).</summary>
        public long ArpRequestsSent;
        /// <summary>ARP replies sent.</summary>
        public long ArpRepliesSent;
        /// <summary>ARP packets received (requests and replies) that were valid.</summary>
        public long ArpReceived;
        /// <summary>Lookups that found no resolved entry (a request follows, rate-limited).</summary>
        public long ArpMisses;
        /// <summary>ICMP echo requests answered.</summary>
        public long IcmpEchoRepliesSent;
        /// <summary>ICMP echo requests sent by <see cref="NetworkStack.SendEchoRequest"/>.</summary>
        public long IcmpEchoRequestsSent;
        /// <summary>ICMP echo replies received.</summary>
        public long IcmpEchoRepliesReceived;
        /// <summary>ICMP destination-unreachable messages received.</summary>
        public long IcmpUnreachableReceived;
        /// <summary>TCP segments accepted for processing (checksum and header valid).</summary>
        public long TcpSegmentsReceived;
        /// <summary>TCP segments sent.</summary>
        public long TcpSegmentsSent;
        /// <summary>Segments retransmitted (timeouts, fast retransmit).</summary>
        public long TcpRetransmissions;
        /// <summary>Fast retransmits triggered by three duplicate ACKs (RFC 5681 §3.2).</summary>
        public long TcpFastRetransmits;
        /// <summary>Retransmission timer expirations (RFC 6298 §5.4).</summary>
        public long TcpTimeouts;
        /// <summary>RST segments sent.</summary>
        public long TcpRstSent;
        /// <summary>RST segments received (accepted or not).</summary>
        public long TcpRstReceived;
        /// <summary>Challenge ACKs sent (RFC 5961 §3.2, §4.2, §5.2).</summary>
        public long TcpChallengeAcks;
        /// <summary>Challenge ACKs suppressed by the per-second budget (RFC 5961 §7).</summary>
        public long TcpChallengeAcksSuppressed;
        /// <summary>Segments that arrived out of order and were kept for reassembly.</summary>
        public long TcpOutOfOrderKept;
        /// <summary>Duplicate data (already received) discarded.</summary>
        public long TcpDuplicateData;
        /// <summary>Zero-window probes sent (RFC 9293 §3.8.6.1).</summary>
        public long TcpPersistProbes;
        /// <summary>Keepalive probes sent (RFC 1122 4.2.3.6).</summary>
        public long TcpKeepAliveProbes;
        /// <summary>Connections opened (reached ESTABLISHED).</summary>
        public long TcpConnectionsEstablished;
        /// <summary>Connections aborted by a timeout (retransmission, keepalive, FIN-WAIT-2).</summary>
        public long TcpConnectionsTimedOut;
        /// <summary>TIME-WAIT slots reclaimed early because every slot was busy.</summary>
        public long TcpTimeWaitReclaimed;
        /// <summary>Orphaned LAST-ACK/CLOSING connections reset and reclaimed because every slot was busy.</summary>
        public long TcpOrphansReclaimed;
        /// <summary>SYN+ACKs sent with a SYN cookie instead of a half-open slot (RFC 4987 §3.6).</summary>
        public long TcpSynCookiesSent;
        /// <summary>ACKs whose cookie was valid (the connection was created, or refused with a RST when the backlog was full).</summary>
        public long TcpSynCookiesValidated;
        /// <summary>ACKs to a listener, shortly after cookies were sent, that carried no valid cookie (answered with a RST).</summary>
        public long TcpSynCookiesRejected;

        /// <summary>Frames dropped for one reason.</summary>
        public long Drops(DropReason reason)
        {
            int i = (int)reason;
            return i >= 0 && i < _drops.Length ? _drops[i] : 0;
        }

        /// <summary>Frames dropped for any reason.</summary>
        public long TotalDrops
        {
            get
            {
                long sum = 0;
                for (int i = 0; i < _drops.Length; i++) sum += _drops[i];
                return sum;
            }
        }

        /// <summary>Checksum failures of every layer (IPv4 header, ICMP, TCP).</summary>
        public long ChecksumErrors
        {
            get { return Drops(DropReason.IpChecksum) + Drops(DropReason.IcmpChecksum) + Drops(DropReason.TcpChecksum); }
        }

        internal void CountDrop(DropReason reason)
        {
            _drops[(int)reason]++;
        }

        /// <summary>Sets every counter back to zero.</summary>
        public void Reset()
        {
            System.Array.Clear(_drops, 0, _drops.Length);
            FramesReceived = FramesSent = ArpRequestsSent = ArpRepliesSent = ArpReceived = ArpMisses = 0;
            IcmpEchoRepliesSent = IcmpEchoRequestsSent = IcmpEchoRepliesReceived = IcmpUnreachableReceived = 0;
            TcpSegmentsReceived = TcpSegmentsSent = TcpRetransmissions = TcpFastRetransmits = TcpTimeouts = 0;
            TcpRstSent = TcpRstReceived = TcpChallengeAcks = TcpChallengeAcksSuppressed = 0;
            TcpOutOfOrderKept = TcpDuplicateData = TcpPersistProbes = TcpKeepAliveProbes = 0;
            TcpConnectionsEstablished = TcpConnectionsTimedOut = TcpTimeWaitReclaimed = TcpOrphansReclaimed = 0;
            TcpSynCookiesSent = TcpSynCookiesValidated = TcpSynCookiesRejected = 0;
        }
    }
}
