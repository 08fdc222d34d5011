using System;
using System.Diagnostics;
using System.Threading;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace NanoTcp.VirtualBoard.Tests.Harness
{
    /// <summary>Bounded waiting: every wait in these tests ends by itself, with a message naming what did not happen.</summary>
    public static class Wait
    {
        /// <summary>Polls <paramref name="condition"/> every few milliseconds; fails the test after <paramref name="timeoutMs"/>.</summary>
        public static void Until(Func<bool> condition, int timeoutMs, string what)
        {
            if (!TryUntil(condition, timeoutMs)) Assert.Fail("timed out after " + timeoutMs + " ms waiting for " + what);
        }

        /// <summary>Polls <paramref name="condition"/>; returns false after <paramref name="timeoutMs"/>.</summary>
        public static bool TryUntil(Func<bool> condition, int timeoutMs)
        {
            var clock = Stopwatch.StartNew();
            while (true)
            {
                if (condition()) return true;
                if (clock.ElapsedMilliseconds > timeoutMs) return false;
                Thread.Sleep(5);
            }
        }
    }
}
