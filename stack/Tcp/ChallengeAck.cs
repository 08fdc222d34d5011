namespace NanoTcp.Tcp
{
    /// <summary>
    /// The RFC 5961 §7 challenge-ACK budget: at most N challenge ACKs per second for the whole stack, so an
    /// attacker's blind RST/SYN/ACK probes cannot turn us into an ACK amplifier.
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
