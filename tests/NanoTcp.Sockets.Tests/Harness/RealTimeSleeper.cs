using System;
using System.Diagnostics;
using System.Threading;
using NanoTcp.Sockets;

namespace NanoTcp.Sockets.Tests.Harness
{
    /// <summary>The pumps' clock (a stopwatch) and the driver thread's sleep, ended early by any pump's Wake.</summary>
    public sealed class RealTimeSleeper : INetworkPumpSleeper
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly AutoResetEvent _wake = new AutoResetEvent(false);

        public long NowMs => _clock.ElapsedMilliseconds;

        public void Sleep(long deadlineMs)
        {
            long left = deadlineMs - NowMs;
            if (left > 0) _wake.WaitOne((int)Math.Min(left, 50));
        }

        public void Wake() => _wake.Set();
    }

    /// <summary>Virtual time for deterministic tests: the test sets <see cref="NowMs"/> and steps the pumps itself.</summary>
    public sealed class VirtualSleeper : INetworkPumpSleeper
    {
        private long _now = 1000;

        public long NowMs
        {
            get => Interlocked.Read(ref _now);
            set => Interlocked.Exchange(ref _now, value);
        }

        public int Wakes;

        public void Sleep(long deadlineMs) => throw new InvalidOperationException("virtual time does not sleep");

        public void Wake() => Interlocked.Increment(ref Wakes);
    }
}
