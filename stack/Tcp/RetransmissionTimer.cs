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
        // The limits are the stack's (StackConfig.InitialRtoMs/MinRtoMs/MaxRtoMs), read where needed rather than
        // copied: on nanoCLR each field is a 12-byte heap block in every connection slot.
        private StackConfig _limits;

        /// <summary>Smoothed RTT in ms (0 before the first sample).</summary>
        public int SrttMs;
        /// <summary>RTT variation in ms; -1 before the first sample (so no separate flag takes a heap block).</summary>
        public int RttVarMs;
        /// <summary>The current RTO in ms, backoff included.</summary>
        public int RtoMs;

        public void Configure(StackConfig limits)
        {
            _limits = limits;
            Reset();
        }

        /// <summary>Back to the initial RTO (RFC 6298 §2.1) for a new connection.</summary>
        public void Reset()
        {
            SrttMs = 0;
            RttVarMs = -1;
            RtoMs = Clamp(_limits.InitialRtoMs);
        }

        /// <summary>Adds one round-trip measurement (RFC 6298 §2.2 and §2.3, alpha = 1/8, beta = 1/4).</summary>
        public void AddSample(int rttMs)
        {
            if (rttMs < 0) rttMs = 0;
            if (RttVarMs < 0)
            {
                SrttMs = rttMs;
                RttVarMs = rttMs / 2;
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
            int max = _limits.MaxRtoMs;
            if (RtoMs < SynTimeoutRtoMs) RtoMs = SynTimeoutRtoMs > max ? max : SynTimeoutRtoMs;
        }

        private const int SynTimeoutRtoMs = 3000;

        /// <summary>Doubles the RTO after a timeout (RFC 6298 §5.5), up to the maximum.</summary>
        public void Backoff()
        {
            int max = _limits.MaxRtoMs;
            RtoMs = RtoMs >= max / 2 ? max : Clamp(RtoMs * 2);
        }

        /// <summary>The RTO shifted left by <paramref name="shift"/> (persist and keepalive backoff), capped at the maximum.</summary>
        public int BackedOff(int shift)
        {
            int v = RtoMs, max = _limits.MaxRtoMs;
            for (int i = 0; i < shift && v < max; i++) v *= 2;
            return v > max ? max : v;
        }

        private int Clamp(int ms)
        {
            int min = _limits.MinRtoMs, max = _limits.MaxRtoMs;
            if (ms < min) return min;
            return ms > max ? max : ms;
        }
    }
}
