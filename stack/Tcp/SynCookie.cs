namespace NanoTcp.Tcp
{
    /// <summary>
    /// SYN cookies (RFC 4987 §3.6): under SYN pressure the listener keeps no state for a SYN; everything it needs
    /// later is encoded in the ISN of its SYN+ACK and checked when the client's ACK returns (SEG.ACK − 1).
    /// Layout of the 32-bit cookie, most significant first:
    /// <list type="bullet">
    /// <item>5 bits: a coarse time counter (now / 65.536 s) modulo 32;</item>
    /// <item>3 bits: an index into <see cref="MssTable"/> (the largest entry not above the client's MSS);</item>
    /// <item>24 bits: the keyed hash of the RFC 6528 ISN generator over the 4-tuple, the client's ISN, the full
    /// counter and the MSS index (domain <see cref="InitialSequenceNumber.DomainSynCookie"/>).</item>
    /// </list>
    /// A cookie is valid for the counter period it was made in and the next one (65–131 s); a blind attacker
    /// must guess 24 bits per 4-tuple and client ISN. Trade-offs (documented in stack/README.md): only the MSS
    /// survives, rounded down to a table entry; window scale, SACK and timestamps cannot be carried (this stack
    /// does none of them anyway); and the SYN's data is never kept (it never is).
    /// </summary>
    internal sealed class SynCookie
    {
        /// <summary>log2 of the counter period in ms (65.536 s).</summary>
        public const int PeriodShift = 16;

        /// <summary>MSS values a cookie can carry (3 bits): common link MTUs minus 40, and the RFC defaults.</summary>
        private static readonly int[] MssTable = { 64, 256, 536, 1024, 1220, 1360, 1440, 1460 };

        private readonly InitialSequenceNumber _hash;
        /// <summary>When the last cookie was made (long.MinValue = never).</summary>
        private long _lastSentMs = long.MinValue;

        /// <summary>Uses the stack's keyed hash (the RFC 6528 ISN secret).</summary>
        public SynCookie(InitialSequenceNumber hash)
        {
            _hash = hash;
        }

        /// <summary>
        /// True while an ACK may carry a cookie of ours: cookies were made within the last two counter periods.
        /// Outside that, ACKs to a listener are not even checked (Linux does the same), so a stack that is not
        /// under pressure never completes a handshake it has no record of.
        /// </summary>
        public bool RecentlySent(long nowMs)
        {
            return _lastSentMs != long.MinValue && nowMs - _lastSentMs <= (2L << PeriodShift);
        }

        /// <summary>The cookie to use as ISN in the SYN+ACK answering a SYN with SEQ <paramref name="clientIsn"/>.</summary>
        public uint Encode(uint localIp, int localPort, uint remoteIp, int remotePort, uint clientIsn, int peerMss, long nowMs)
        {
            _lastSentMs = nowMs;
            uint counter = Counter(nowMs);
            int index = MssIndex(peerMss);
            return Make(localIp, localPort, remoteIp, remotePort, clientIsn, counter, index);
        }

        /// <summary>
        /// Checks <paramref name="cookie"/> (SEG.ACK − 1 of a bare ACK; <paramref name="clientIsn"/> is SEG.SEQ − 1).
        /// Returns the MSS it carries, or -1 when it is not a cookie of ours from this period or the previous one.
        /// </summary>
        public int Validate(uint localIp, int localPort, uint remoteIp, int remotePort, uint clientIsn, uint cookie, long nowMs)
        {
            uint now = Counter(nowMs);
            int index = (int)((cookie >> 24) & 7);
            for (uint age = 0; age < 2 && age <= now; age++)
            {
                uint counter = now - age;
                if ((cookie >> 27) != (counter & 31)) continue;
                if (Make(localIp, localPort, remoteIp, remotePort, clientIsn, counter, index) == cookie) return MssTable[index];
            }
            return -1;
        }

        /// <summary>The largest table entry not above <paramref name="mss"/> (the first one for anything smaller).</summary>
        public static int MssIndex(int mss)
        {
            int index = 0;
            for (int i = 1; i < MssTable.Length; i++)
            {
                if (MssTable[i] <= mss) index = i;
            }
            return index;
        }

        private static uint Counter(long nowMs)
        {
            return (uint)(nowMs >> PeriodShift);
        }

        private uint Make(uint localIp, int localPort, uint remoteIp, int remotePort, uint clientIsn, uint counter, int index)
        {
            uint mac = _hash.Hash(localIp, localPort, remoteIp, remotePort, InitialSequenceNumber.DomainSynCookie, clientIsn, (counter << 3) | (uint)index);
            return ((counter & 31) << 27) | ((uint)index << 24) | (mac & 0xFFFFFF);
        }
    }
}
