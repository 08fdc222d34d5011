using System;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.VirtualBoard.Tests.Harness;

namespace NanoTcp.VirtualBoard.Tests
{
    /// <summary>
    /// Issue 6, interop tests 5 and 6: many short connections against a board with only 4 slots, and tests 1 and
    /// 5 again over a link that loses 5 % and reorders 2 % of the frames.
    /// </summary>
    [TestClass]
    public sealed class CycleInteropTests
    {
        private const int CloseFirstPort = 13;

        /// <summary>MSTest context (run times are reported there).</summary>
        public TestContext TestContext { get; set; }

        /// <summary>
        /// 5. 1000 connect/close cycles, 4 connection slots, default 60 s TIME-WAIT: half the cycles leave a
        /// TIME-WAIT slot on the board, so only reclaiming TIME-WAIT slots (the eviction policy) lets them pass.
        /// </summary>
        [TestMethod]
        public void Interop05_ThousandConnectCloseCycles_FourSlots_NoExhaustion()
        {
            using var net = InteropNetwork.Start(FourSlots);
            var server = new CloseFirstServer(CloseFirstPort);
            net.Board.AddTask(server);
            TimeSpan t = Exchanges.ConnectCloseCycles(net, 1000, CloseFirstPort, perCycleTimeoutMs: 5000);
            TestContext.WriteLine("1000 connect/close cycles with 4 slots in " + t.TotalSeconds.ToString("0.00") + " s (" +
                                  (1000 / t.TotalSeconds).ToString("0") + " per second)");
            Assert.AreEqual(500, server.Accepted, "close-first connections accepted");
            Assert.AreEqual(0, server.Errors, "close-first service errors");
            long reclaimed = net.Board.Invoke(s => s.Counters.TcpTimeWaitReclaimed);
            TestContext.WriteLine("TIME-WAIT slots reclaimed: " + reclaimed);
            Assert.IsTrue(reclaimed > 0, "the TIME-WAIT eviction policy was exercised");
            Assert.AreEqual(0, net.Board.Invoke(s => s.Counters.Drops(DropReason.TcpNoSlot)), "SYNs dropped for lack of a slot");
        }

        /// <summary>6a. Test 1 with 5 % loss and 2 % reordering: every byte intact, no stuck connection.</summary>
        [TestMethod]
        public void Interop06_EchoWithLossAndReordering()
        {
            using var net = InteropNetwork.Start(Lossy);
            TimeSpan t = Exchanges.EchoBytes(net, LossyEchoBytes, seed: 6, timeoutMs: 120000);
            TestContext.WriteLine(LossyEchoBytes + " bytes echoed over the lossy link in " + t.TotalSeconds.ToString("0.00") + " s, " +
                                  net.Board.Invoke(s => s.Counters.TcpRetransmissions) + " retransmissions by nanoTcp");
        }

        /// <summary>6b. Test 5 with 5 % loss and 2 % reordering: every cycle succeeds, no slot stays stuck.</summary>
        [TestMethod]
        public void Interop06_CyclesWithLossAndReordering()
        {
            using var net = InteropNetwork.Start(o => { Lossy(o); FourSlots(o); });
            var server = new CloseFirstServer(CloseFirstPort);
            net.Board.AddTask(server);
            TimeSpan t = Exchanges.ConnectCloseCycles(net, LossyCycles, CloseFirstPort, perCycleTimeoutMs: 20000);
            TestContext.WriteLine(LossyCycles + " cycles over the lossy link in " + t.TotalSeconds.ToString("0.00") + " s");
            Assert.AreEqual(0, server.Errors, "close-first service errors");
            // No stuck connection: once the retransmissions settle, only TIME-WAIT (or nothing) remains.
            Wait.Until(() => net.BoardConnections().TrueForAll(c => c.State == TcpState.TimeWait), 30000,
                       "every board slot to be free or in TIME-WAIT; slots " + Exchanges.Describe(net));
        }

        // Over the lossy link most losses end in a retransmission timeout, so time grows with the amount of traffic:
        // CI runs 1 MB and 200 cycles (about 25 s each); NANOTCP_INTEROP_FULL=1 runs test 1's 10 MB and test 5's
        // 1000 cycles (several minutes). boards/host/README.md has the figures.
        private static readonly bool Full = Environment.GetEnvironmentVariable("NANOTCP_INTEROP_FULL") == "1";

        /// <summary>Bytes echoed over the lossy link.</summary>
        internal static int LossyEchoBytes => Full ? 10 * 1024 * 1024 : 1024 * 1024;

        /// <summary>Connect/close cycles over the lossy link.</summary>
        internal static int LossyCycles => Full ? 1000 : 200;

        private static void FourSlots(Board.BoardOptions o)
        {
            o.ConnectionSlots = 4;
            // The echo service may serve as many connections as there are slots: with its default of 2, a third
            // echo connection whose predecessors still wait for a (lost) FIN is refused by design, which is not
            // what this test is about.
            o.ServiceConnections = 4;
        }

        private static void Lossy(Board.BoardOptions o)
        {
            o.Loss = 0.05;
            o.Reorder = 0.02;
            o.Seed = 6;
            // Linux's minimum RTO (200 ms) instead of RFC 6298's 1 s: with a 4 KB window most losses end in a
            // timeout, and at 1 s per timeout the lossy runs would not fit the CI budget.
            // No half-open slot reserve: with 4 slots it would answer many SYNs with cookies, and a cookie
            // connection to a server-speaks-first service (close-first) whose final ACK is lost leaves the client
            // waiting for ever: nothing is retransmitted on either side (stack/README.md, SYN cookie trade-offs).
            o.Configure = s =>
            {
                s.Stack.MinRtoMs = 200;
                s.Stack.HalfOpenReserve = 0;
            };
        }
    }
}
