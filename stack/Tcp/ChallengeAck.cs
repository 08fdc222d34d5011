namespace NanoTcp.Tcp
{
    // The RFC 5961 §7 challenge-ACK budget: at most N challenge ACKs per second, so blind RST/SYN/ACK probes
    // cannot turn us into an ACK amplifier. The budget is per connection, not global: a single global counter is
    // the CVE-2016-5696 side channel (Cao et al., USENIX Security 2016), where an attacker counts the challenge
    // ACKs left on its own connection to learn whether spoofed probes hit another one. The total stays bounded by
    // ConnectionSlots × N per second.
    internal sealed partial class TcpConnection
    {
        private const long ChallengeIntervalMs = 1000;

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
            if (_challengeWindowStart == long.MinValue || nowMs - _challengeWindowStart >= ChallengeIntervalMs || nowMs < _challengeWindowStart)
            {
                _challengeWindowStart = nowMs;
                _challengeAcks = 0;
            }
            if (_challengeAcks >= _ctx.Config.ChallengeAcksPerSecond) return false;
            _challengeAcks++;
            return true;
        }
    }
}
