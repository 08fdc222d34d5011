using NanoTcp.Wire;

namespace NanoTcp.Udp
{
    /// <summary>
    /// ICMP destination unreachable, code 3 (port unreachable), for a unicast UDP datagram to a closed port
    /// (RFC 1122 4.1.3.1 SHOULD), quoting the IP header and the first 8 payload bytes (RFC 792). Rate-limited
    /// with a token bucket (RFC 1812 4.3.2.8; RFC 1122 3.2.2 allows limiting error messages), so a port scan
    /// or a flood cannot make us a reflector.
    /// </summary>
    internal sealed class PortUnreachable
    {
        public const int IcmpProtocol = 1;
        private const int TypeDestinationUnreachable = 3;
        private const int CodePortUnreachable = 3;
        private const int HeaderLength = 8;

        private readonly int _perSecond;
        private int _tokens;
        private long _refilledAt = long.MinValue;

        /// <param name="perSecond">Messages allowed per second (burst = the same number); 0 disables them.</param>
        public PortUnreachable(int perSecond)
        {
            _perSecond = perSecond < 0 ? 0 : perSecond;
            _tokens = _perSecond;
        }

        /// <summary>Takes one token; false when the budget of the current second is spent.</summary>
        public bool TryTake(long nowMs)
        {
            if (_perSecond == 0) return false;
            if (_refilledAt == long.MinValue || nowMs - _refilledAt >= 1000)
            {
                _tokens = _perSecond;
                _refilledAt = nowMs;
            }
            if (_tokens == 0) return false;
            _tokens--;
            return true;
        }

        /// <summary>
        /// Writes the ICMP message at <paramref name="o"/> quoting <paramref name="quoteLength"/> bytes of the
        /// offending datagram at <paramref name="ipOffset"/>; returns the ICMP length.
        /// </summary>
        public static int Write(byte[] b, int o, byte[] datagram, int ipOffset, int quoteLength)
        {
            b[o] = TypeDestinationUnreachable;
            b[o + 1] = CodePortUnreachable;
            NetworkOrder.Write16(b, o + 2, 0);
            NetworkOrder.Write32(b, o + 4, 0); // unused (RFC 792)
            System.Array.Copy(datagram, ipOffset, b, o + HeaderLength, quoteLength);
            int length = HeaderLength + quoteLength;
            NetworkOrder.Write16(b, o + 2, InternetChecksum.Finish(InternetChecksum.Add(0, b, o, length)));
            return length;
        }
    }
}
