namespace NanoTcp.Tcp
{
    // The RFC 5961 §7 challenge-ACK budget: at most N challenge ACKs per second, so blind RST/SYN/ACK probes
    // cannot turn us into an ACK amplifier. The budget is per connection, not global: a single global counter is
    // the CVE-2016-5696 side channel (Cao et al., USENIX Security 2016), where an attacker counts the challenge
    // ACKs left on its own connection to learn whether spoofed probes hit another one. The total stays bounded by
    // ConnectionSlots × N per second.
    internal sealed partial class TcpConnection
    {
        private const int ChallengeIntervalMs = 1000;

        /// <summary>Queues a challenge ACK if the budget allows (S29).</summary>
        private void ChallengeAckFor()
        {
            if (TryConsumeChallenge(_ctx.Now))
            {
                _ctx.Counters.TcpChallengeAcks++;
                AckNow = true;
            }
            else _ctx.Counters.TcpChallengeAcksSuppressed++;
        }

        private bool TryConsumeChallenge(long nowMs)
        {
            // The budget (8 bits of the small counters) renews once a second; times are ms, low 32 bits (a window
            // start older than 24 days may look recent once, which only delays one challenge ACK).
            int[] v = _v;
            int now = (int)nowMs, used = (v[VSmallCounters] >> 8) & 0xFF;
            if ((uint)(now - v[VChallengeWindowStart]) >= ChallengeIntervalMs)
            {
                v[VChallengeWindowStart] = now;
                used = 0;
            }
            if (used >= _ctx.Config.ChallengeAcksPerSecond || used == 0xFF) return false;
            v[VSmallCounters] = (v[VSmallCounters] & ~0xFF00) | ((used + 1) << 8);
            return true;
        }
    }
}
