namespace NanoTcp.Tcp
{
    /// <summary>
    /// The RFC 6298 retransmission timeout: SRTT/RTTVAR estimation (§2), clamping to [min, max] (§2.4, §2.5)
    /// and exponential backoff (§5.5). Karn's rule (§3: no samples from retransmitted segments) is applied by
    /// the caller, which only times segments sent once.
    /// </summary>
    internal sealed class RetransmissionTimer
    {
        private const int ClockGranularityMs = 1;
        private int _initialMs, _minMs, _maxMs;

        /// <summary>Smoothed RTT in ms (0 before the first sample).</summary>
        public int SrttMs;
        /// <summary>RTT variation in ms.</summary>
        public int RttVarMs;
        /// <summary>The current RTO in ms, backoff included.</summary>
        public int RtoMs;
        private bool _hasSample;

        public void Configure(int initialMs, int minMs, int maxMs)
        {
            _initialMs = initialMs;
            _minMs = minMs;
            _maxMs = maxMs;
            Reset();
        }

        /// <summary>Back to the initial RTO (RFC 6298 §2.1) for a new connection.</summary>
        public void Reset()
        {
            SrttMs = 0;
            RttVarMs = 0;
            _hasSample = false;
            RtoMs = Clamp(_initialMs);
        }

        /// <summary>Adds one round-trip measurement (RFC 6298 §2.2 and §2.3, alpha = 1/8, beta = 1/4).</summary>
        public void AddSample(int rttMs)
        {
            if (rttMs < 0) rttMs = 0;
            if (!_hasSample)
            {
                SrttMs = rttMs;
                RttVarMs = rttMs / 2;
                _hasSample = true;
            }
            else
            {
                int delta = SrttMs - rttMs;
                if (delta < 0) delta = -delta;
                RttVarMs = (3 * RttVarMs + delta) / 4;
                SrttMs = (7 * SrttMs + rttMs) / 8;
            }
            int k = 4 * RttVarMs;
            RtoMs = Clamp(SrttMs + (k > ClockGranularityMs ? k : ClockGranularityMs));
        }

        /// <summary>RFC 6298 §5.7: after the SYN timed out, data starts with RTO = 3 s (if the RTO is below that).</summary>
        public void RestartAfterSynTimeout()
        {
            if (RtoMs < SynTimeoutRtoMs) RtoMs = SynTimeoutRtoMs > _maxMs ? _maxMs : SynTimeoutRtoMs;
        }

        private const int SynTimeoutRtoMs = 3000;

        /// <summary>Doubles the RTO after a timeout (RFC 6298 §5.5), up to the maximum.</summary>
        public void Backoff()
        {
            RtoMs = RtoMs >= _maxMs / 2 ? _maxMs : Clamp(RtoMs * 2);
        }

        /// <summary>The RTO shifted left by <paramref name="shift"/> (persist and keepalive backoff), capped at the maximum.</summary>
        public int BackedOff(int shift)
        {
            int v = RtoMs;
            for (int i = 0; i < shift && v < _maxMs; i++) v *= 2;
            return v > _maxMs ? _maxMs : v;
        }

        private int Clamp(int ms)
        {
            if (ms < _minMs) return _minMs;
            return ms > _maxMs ? _maxMs : ms;
        }
    }
}
