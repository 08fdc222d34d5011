using System;
using System.Threading;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Portable.Tests;
using NanoTcp.Sockets.Tests.Harness;
using Wait = NanoTcp.VirtualBoard.Tests.Harness.Wait;

namespace NanoTcp.Sockets.Tests
{
    /// <summary>The pump on its own thread (Start/Run/Stop) and the blocked writer whose peer resets.</summary>
    [TestClass]
    public sealed class PumpThreadTests
    {
        [TestMethod]
        public void AStartedPumpStepsOnWakeAndStopsWhenAsked()
        {
            var cable = new CrossoverCable(8, 1514);
            var pump = new NetworkPump(TestHosts.NewStack(cable.EndA, 1, 4, 1024)) { Sleeper = new SlowSleeper() };
            pump.Start();
            Assert.IsTrue(Wait.TryUntil(() => pump.Steps > 0, 5000), "the first step");
            long before = pump.Steps;
            pump.Wake(); // the sleeper would sleep for a minute: only the wake explains the next step
            Assert.IsTrue(Wait.TryUntil(() => pump.Steps > before, 5000), "a step right after Wake");
            pump.Stop();
            long after = pump.Steps;
            Thread.Sleep(100);
            Assert.AreEqual(after, pump.Steps, "no step after Stop returned");
            Assert.ThrowsExactly<InvalidOperationException>(() => new NetworkPump(pump.Stack).Start(), "no sleeper, no thread");
        }

        [TestMethod]
        public void AThreadBlockedInWriteGetsConnectionResetWhenThePeerResets()
        {
            using var pair = new PumpPair(bufferSize: 1024);
            var c = Connected.Open(pair, 7600);
            NetworkStream s = c.Client.GetStream();
            s.WriteTimeout = 20000;
            SocketException error = null;
            var writer = new Background(() =>
            {
                try { s.Write(new byte[64 * 1024], 0, 64 * 1024); } // the peer never reads: blocks for space
                catch (SocketException e) { error = e; }
            });
            Thread.Sleep(200);
            Assert.IsTrue(writer.IsAlive, "the write is blocked");
            c.Server.Abort();
            writer.Join(5000);
            Assert.IsNotNull(error);
            Assert.AreEqual(TcpError.ConnectionReset, error.Error);
        }

        // Real clock, sleeps up to a minute unless woken.
        private sealed class SlowSleeper : INetworkPumpSleeper
        {
            private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
            private readonly AutoResetEvent _wake = new AutoResetEvent(false);

            public long NowMs => _clock.ElapsedMilliseconds;

            public void Sleep(long deadlineMs) => _wake.WaitOne((int)Math.Min(Math.Max(deadlineMs - NowMs, 0), 60000));

            public void Wake() => _wake.Set();
        }
    }
}
