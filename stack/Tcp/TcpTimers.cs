namespace NanoTcp.Tcp
{
    /// <summary>
    /// A connection's timers, by name, as absolute deadlines in ms (<see cref="Off"/> when stopped): the only
    /// place they are armed, stopped and queried, and the one <see cref="Next"/> the poll deadline is built from.
    /// </summary>
    internal sealed class TcpTimers
    {
        public const long Off = long.MaxValue;

        /// <summary>RFC 6298 retransmission timer (also bounds a SYN waiting for ARP).</summary>
        public const int Retransmission = 0;
        /// <summary>Zero-window probe (RFC 9293 §3.8.6.1, RFC 1122 4.2.2.17).</summary>
        public const int Persist = 1;
        /// <summary>Keepalive idle/interval (RFC 1122 4.2.3.6).</summary>
        public const int KeepAlive = 2;
        /// <summary>Delayed ACK (RFC 1122 4.2.3.2, RFC 5681 §4.2).</summary>
        public const int DelayedAck = 3;
        /// <summary>TIME-WAIT 2MSL (RFC 9293 §3.6.1) or the FIN-WAIT-2 timeout after the application closed.</summary>
        public const int Close = 4;
        /// <summary>Sender SWS override (RFC 9293 §3.8.6.2.1 (4)).</summary>
        public const int SwsOverride = 5;
        private const int Count = 6;

        private readonly long[] _at = new long[Count];
        // The earliest deadline, kept current by every change, so the per-poll questions (is anything due, when
        // is the next Poll needed) cost one field read instead of a scan of the six timers.
        private long _next;

        public TcpTimers()
        {
            StopAll();
        }

        /// <summary>Arms <paramref name="timer"/> for <paramref name="atMs"/> (<see cref="Off"/> stops it).</summary>
        public void Arm(int timer, long atMs)
        {
            long old = _at[timer];
            _at[timer] = atMs;
            if (atMs < _next) _next = atMs;
            else if (old == _next && atMs != old) _next = Earliest();
        }

        /// <summary>Arms <paramref name="timer"/> only when it is not running (keeps an earlier deadline).</summary>
        public void ArmIfStopped(int timer, long atMs)
        {
            if (_at[timer] == Off) Arm(timer, atMs);
        }

        public void Stop(int timer)
        {
            long old = _at[timer];
            if (old == Off) return;
            _at[timer] = Off;
            if (old == _next) _next = Earliest();
        }

        public void StopAll()
        {
            long[] at = _at;
            at[0] = at[1] = at[2] = at[3] = at[4] = at[5] = Off; // Count (6) entries, unrolled: runs at every Reset
            _next = Off;
        }

        public bool IsArmed(int timer) { return _at[timer] != Off; }

        /// <summary>True when <paramref name="timer"/> is armed and its deadline has come; a due timer is stopped.</summary>
        public bool Expired(int timer, long nowMs)
        {
            long at = _at[timer];
            if (at > nowMs) return false;
            _at[timer] = Off;
            if (at == _next) _next = Earliest();
            return true;
        }

        /// <summary>True when some timer's deadline has come (<see cref="Expired"/> then says which).</summary>
        public bool AnyDue(long nowMs) { return _next <= nowMs; }

        /// <summary>The earliest armed deadline, <see cref="Off"/> when none is.</summary>
        public long Next() { return _next; }

        // Unrolled over the Count (6) timers: it runs whenever the earliest timer stops or fires.
        private long Earliest()
        {
            long[] at = _at;
            long next = at[0];
            if (at[1] < next) next = at[1];
            if (at[2] < next) next = at[2];
            if (at[3] < next) next = at[3];
            if (at[4] < next) next = at[4];
            if (at[5] < next) next = at[5];
            return next;
        }
    }
}
