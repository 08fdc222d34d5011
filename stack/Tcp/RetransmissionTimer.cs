namespace NanoTcp.Tcp
{
    // The RFC 6298 retransmission timeout: SRTT/RTTVAR estimation (§2), clamping to [min, max] (§2.4, §2.5) and
    // exponential backoff (§5.5). Karn's rule (§3: no samples from retransmitted segments) is applied by the
    // caller, which only times segments sent once. The limits are the stack's (StackConfig.InitialRtoMs/MinRtoMs/
    // MaxRtoMs), read where needed rather than copied into every slot; SRTT and RTTVAR share one int of the
    // connection's state (16 bits each: RTT samples are capped at 65 s, above any MaxRtoMs in use).
    internal sealed partial class TcpConnection
    {
        private const int ClockGranularityMs = 1;
        private const int NoRttSample = 0xFFFF;
        private const int MaxRttSampleMs = 0xFFFE;

        /// <summary>Smoothed RTT in ms (0 before the first sample).</summary>
        public int SrttMs { get { return _v[VRtt] & 0xFFFF; } }

        /// <summary>The current RTO in ms, backoff included.</summary>
        public int RtoMs { get { return _v[VRto]; } }

        /// <summary>Back to the initial RTO (RFC 6298 §2.1) for a new connection.</summary>
        private void ResetRto()
        {
            _v[VRtt] = NoRttSample << 16;
            _v[VRto] = ClampRto(_ctx.Config.InitialRtoMs);
        }

        /// <summary>Adds one round-trip measurement (RFC 6298 §2.2 and §2.3, alpha = 1/8, beta = 1/4).</summary>
        private void AddRttSample(int rttMs)
        {
            if (rttMs < 0) rttMs = 0;
            if (rttMs > MaxRttSampleMs) rttMs = MaxRttSampleMs;
            int srtt = _v[VRtt] & 0xFFFF, rttVar = (_v[VRtt] >> 16) & 0xFFFF;
            if (rttVar == NoRttSample)
            {
                srtt = rttMs;
                rttVar = rttMs / 2;
            }
            else
            {
                int delta = srtt - rttMs;
                if (delta < 0) delta = -delta;
                rttVar = (3 * rttVar + delta) / 4;
                srtt = (7 * srtt + rttMs) / 8;
            }
            _v[VRtt] = (rttVar << 16) | srtt;
            int k = 4 * rttVar;
            _v[VRto] = ClampRto(srtt + (k > ClockGranularityMs ? k : ClockGranularityMs));
        }

        /// <summary>RFC 6298 §5.7: after the SYN timed out, data starts with RTO = 3 s (if the RTO is below that).</summary>
        private void RestartRtoAfterSynTimeout()
        {
            int max = _ctx.Config.MaxRtoMs;
            if (_v[VRto] < SynTimeoutRtoMs) _v[VRto] = SynTimeoutRtoMs > max ? max : SynTimeoutRtoMs;
        }

        private const int SynTimeoutRtoMs = 3000;

        /// <summary>Doubles the RTO after a timeout (RFC 6298 §5.5), up to the maximum.</summary>
        private void BackoffRto()
        {
            int max = _ctx.Config.MaxRtoMs, rto = _v[VRto];
            _v[VRto] = rto >= max / 2 ? max : ClampRto(rto * 2);
        }

        /// <summary>The RTO shifted left by <paramref name="shift"/> (persist and keepalive backoff), capped at the maximum.</summary>
        private int BackedOffRto(int shift)
        {
            int v = _v[VRto], max = _ctx.Config.MaxRtoMs;
            for (int i = 0; i < shift && v < max; i++) v *= 2;
            return v > max ? max : v;
        }

        private int ClampRto(int ms)
        {
            StackConfig limits = _ctx.Config;
            int min = limits.MinRtoMs, max = limits.MaxRtoMs;
            if (ms < min) return min;
            return ms > max ? max : ms;
        }
    }
}
