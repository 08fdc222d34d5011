namespace NanoTcp.Firmware
{
    /// <summary>
    /// Device-wide rate limit for password checks. After a wrong password no further password (from any session)
    /// is checked until a delay has passed; the delay doubles with every consecutive failure up to a cap and resets
    /// on a successful login. Because it is shared, opening more connections does not raise the guessing rate.
    /// </summary>
    public sealed class LoginThrottle
    {
        private readonly int _baseDelayMs;
        private readonly int _maxDelayMs;
        private long _nextCheckAtMs = long.MinValue;
        private int _consecutiveFailures;

        /// <summary>Creates the throttle with the first delay and the cap (ms).</summary>
        public LoginThrottle(int baseDelayMs, int maxDelayMs)
        {
            _baseDelayMs = baseDelayMs < 0 ? 0 : baseDelayMs;
            _maxDelayMs = maxDelayMs < _baseDelayMs ? _baseDelayMs : maxDelayMs;
        }

        /// <summary>Wrong passwords since the last successful login.</summary>
        public int ConsecutiveFailures => _consecutiveFailures;

        /// <summary>Password checks refused so far because they came too early (for <c>stats</c>).</summary>
        public long Deferred { get; private set; }

        /// <summary>Earliest time the next password may be checked.</summary>
        public long NextCheckAtMs => _nextCheckAtMs;

        /// <summary>True when a password may be checked now; otherwise counts a deferral.</summary>
        public bool MayCheck(long nowMs)
        {
            if (nowMs >= _nextCheckAtMs) return true;
            Deferred++;
            return false;
        }

        /// <summary>Records a wrong password at <paramref name="nowMs"/>.</summary>
        public void Failed(long nowMs)
        {
            long delay = _baseDelayMs;
            for (int i = 0; i < _consecutiveFailures && delay < _maxDelayMs; i++) delay *= 2;
            if (delay > _maxDelayMs) delay = _maxDelayMs;
            if (_consecutiveFailures < int.MaxValue) _consecutiveFailures++;
            _nextCheckAtMs = nowMs + delay;
        }

        /// <summary>Records a successful login: the back-off starts over.</summary>
        public void Succeeded()
        {
            _consecutiveFailures = 0;
        }
    }
}
