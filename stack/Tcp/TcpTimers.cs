namespace NanoTcp.Tcp
{
    /// <summary>The names of a connection's timers and the "no deadline" value (the timers themselves are the connection's).</summary>
    internal static class TcpTimers
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
        public const int Count = 6;
    }

    // A connection's timers, by name (TcpTimers), as absolute deadlines: the only place they are armed, stopped and
    // queried, and the one earliest deadline PollAt is built from. A deadline is kept as the low 32 bits of
    // its time in ms and compared by the sign of the difference (like lwIP's tick counters): every timer is set
    // less than 2^31 ms (24 days) ahead, as all its intervals are int milliseconds. Which timers run is a bit each
    // in _flags (FlagTimer0 << timer), so stopping them all is clearing those bits.
    internal sealed partial class TcpConnection
    {
        private const int TimerFlags = ((1 << TcpTimers.Count) - 1) * FlagTimer0;

        /// <summary>Arms <paramref name="timer"/> for <paramref name="atMs"/> (less than 2^31 ms from now).</summary>
        private void ArmTimer(int timer, long atMs)
        {
            int[] v = _v;
            int at = (int)atMs, f = _flags, bit = FlagTimer0 << timer;
            int old = v[VTimers + timer], next = v[VNextDeadline];
            v[VTimers + timer] = at;
            _flags = f | bit;
            // The earliest deadline is kept current by every change, so the per-poll questions (is anything due,
            // when is the next Poll needed) cost one read instead of a scan of the six timers.
            if ((f & TimerFlags) == 0 || at - next < 0) v[VNextDeadline] = at;
            else if (old == next && at != old && (f & bit) != 0) v[VNextDeadline] = EarliestDeadline();
        }

        /// <summary>Arms <paramref name="timer"/> only when it is not running (keeps an earlier deadline).</summary>
        private void ArmTimerIfStopped(int timer, long atMs)
        {
            if ((_flags & (FlagTimer0 << timer)) == 0) ArmTimer(timer, atMs);
        }

        private void StopTimer(int timer)
        {
            int bit = FlagTimer0 << timer;
            if ((_flags & bit) == 0) return;
            _flags &= ~bit;
            if ((_flags & TimerFlags) != 0 && _v[VTimers + timer] == _v[VNextDeadline]) _v[VNextDeadline] = EarliestDeadline();
        }

        private void StopTimers()
        {
            _flags &= ~TimerFlags;
        }

        private bool TimerArmed(int timer) { return (_flags & (FlagTimer0 << timer)) != 0; }

        /// <summary>True when <paramref name="timer"/> is armed and its deadline has come; a due timer is stopped.</summary>
        private bool TimerExpired(int timer, long nowMs)
        {
            int bit = FlagTimer0 << timer;
            if ((_flags & bit) == 0) return false;
            int at = _v[VTimers + timer];
            if (at - (int)nowMs > 0) return false;
            _flags &= ~bit;
            if ((_flags & TimerFlags) != 0 && at == _v[VNextDeadline]) _v[VNextDeadline] = EarliestDeadline();
            return true;
        }

        // The earliest of the armed deadlines (at least one is): it runs whenever the earliest timer stops or fires.
        private int EarliestDeadline()
        {
            int[] v = _v;
            int f = (_flags & TimerFlags) / FlagTimer0, best = 0;
            bool any = false;
            for (int i = VTimers; f != 0; i++, f >>= 1)
            {
                if ((f & 1) == 0) continue;
                int at = v[i];
                if (!any || at - best < 0) best = at;
                any = true;
            }
            return best;
        }
    }
}
