using System;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.VirtualBoard.Tests.Harness;

namespace NanoTcp.VirtualBoard.Tests
{
    /// <summary>
    /// The board's per-frame path — TAP reads and writes, poll(2), the application's polls — allocates nothing:
    /// measured on the board's own loop thread across real traffic (root needed, like the interop tests).
    /// </summary>
    [TestClass]
    public sealed class AllocationTests
    {
        /// <summary>MSTest context.</summary>
        public TestContext TestContext { get; set; }

        /// <summary>1 MB of echo traffic after warm-up: the loop thread's allocated bytes do not grow.</summary>
        [TestMethod]
        public void BoardLoop_EchoTraffic_AllocatesNothing()
        {
            using var net = InteropNetwork.Start();
            Exchanges.EchoBytes(net, 256 * 1024, seed: 20, timeoutMs: 30000); // warm-up: JIT, first connection
            var socket = net.Connect(Exchanges.EchoPort);
            socket.ReceiveTimeout = 30000;
            var data = Pattern.Bytes(64 * 1024, 21);
            var back = new byte[data.Length];
            void RoundTrip()
            {
                socket.Send(data);
                int got = 0;
                while (got < back.Length) got += socket.Receive(back, got, back.Length - got, System.Net.Sockets.SocketFlags.None);
            }
            RoundTrip();
            long frames0 = net.Board.Invoke(s => s.Counters.FramesReceived);
            long before = net.Board.Invoke(s => GC.GetAllocatedBytesForCurrentThread());
            for (int i = 0; i < 16; i++) RoundTrip();
            long after = net.Board.Invoke(s => GC.GetAllocatedBytesForCurrentThread());
            long frames = net.Board.Invoke(s => s.Counters.FramesReceived) - frames0;
            TestContext.WriteLine(frames + " frames received, " + (after - before) + " bytes allocated on the loop thread");
            Assert.IsTrue(frames > 500, "traffic flowed: " + frames);
            Assert.AreEqual(0, after - before, "bytes allocated by the board loop during 1 MB of echo traffic");
            socket.Close();
        }
    }
}
