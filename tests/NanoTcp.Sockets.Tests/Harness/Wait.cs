using System;
using System.Diagnostics;
using System.Threading;

namespace NanoTcp.Sockets.Tests.Harness
{
    /// <summary>Bounded polling for a condition another thread makes true.</summary>
    public static class Wait
    {
        public static bool Until(Func<bool> condition, int timeoutMs)
        {
            var watch = Stopwatch.StartNew();
            while (watch.ElapsedMilliseconds < timeoutMs)
            {
                if (condition()) return true;
                Thread.Sleep(5);
            }
            return condition();
        }
    }
}
