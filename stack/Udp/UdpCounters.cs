namespace NanoTcp.Udp
{
    /// <summary>UDP traffic counts (drops are in <see cref="StackCounters.Drops"/> under the Udp* reasons).</summary>
    public sealed class UdpCounters
    {
        /// <summary>Datagrams delivered to a bound port.</summary>
        public long DatagramsReceived;
        /// <summary>Datagrams the link took.</summary>
        public long DatagramsSent;
        /// <summary>ICMP port unreachable messages sent.</summary>
        public long PortUnreachableSent;
        /// <summary>Port unreachable messages withheld by the rate limit.</summary>
        public long PortUnreachableSuppressed;
    }
}
