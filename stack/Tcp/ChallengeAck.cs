namespace NanoTcp.Tcp
{
    /// <summary>
    /// The RFC 5961 §7 challenge-ACK budget: at most N challenge ACKs per second, so blind RST/SYN/ACK probes
    /// cannot turn us into an ACK amplifier. The budget is per connection, not global: a single global counter is
    /// the CVE-2016-5696 side channel (Cao et al., USENIX Security 2016), where an attacker counts the challenge
    /// ACKs left on its own connection to learn whether spoofed probes hit another one. The total stays bounded by
    /// ConnectionSlots × N per second.
    /// </summary>
    internal sealed class ChallengeAck
    {
        private const long IntervalMs = 1000;
        private readonly int _perSecond;
        private long _windowStart = long.MinValue;
        private int _used;

        public ChallengeAck(int perSecond)
        {
            _perSecond = perSecond;
        }

        /// <summary>A fresh budget for a new connection in the slot.</summary>
        public void Reset()
        {
            _windowStart = long.MinValue;
            _used = 0;
        }

        /// <summary>Takes one challenge ACK from the budget of the current second; false = suppress it.</summary>
        public bool TryConsume(long nowMs)
        {
            if (_windowStart == long.MinValue || nowMs - _windowStart >= IntervalMs || nowMs < _windowStart)
            {
                _windowStart = nowMs;
                _used = 0;
            }
            if (_used >= _perSecond) return false;
            _used++;
            return true;
        }
    }
}
