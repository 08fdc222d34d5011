using System;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.VirtualBoard.Tests.Harness;

namespace NanoTcp.VirtualBoard.Tests
{
    /// <summary>
    /// Issue 6, interop tests 3 and 4: the three ways a connection closes and an abort, checked on both sides —
    /// Linux with <c>ss -tan</c>, nanoTcp through its slot table and the state transitions it reports.
    /// </summary>
    [TestClass]
    public sealed class CloseInteropTests
    {
        private const int Port = 6000;
        private const int TimeWaitMs = 1500;

        private sealed class Connected
        {
            public InteropNetwork Net;
            public StateRecorder Recorder;
            public Socket Linux;
            public int LinuxPort;
            public int Handle;
        }

        private static Connected Open()
        {
            // A short TIME-WAIT so "the slot reaches CLOSED" is observable within the test.
            var net = InteropNetwork.Start(o => o.Configure = s => s.Stack.TimeWaitMs = TimeWaitMs);
            try
            {
                var recorder = new StateRecorder();
                int listener = net.Board.Invoke(s => { s.Tracer = recorder; return s.Listen(Port, 1); });
                Assert.IsTrue(listener >= 0, "Listen failed: " + listener);
                Socket linux = net.Connect(Port);
                int handle = -1;
                Wait.Until(() => (handle = net.Board.Invoke(s => s.Accept(listener))) >= 0, 5000, "the board to accept");
                Assert.AreEqual(TcpState.Established, net.Board.Invoke(s => s.GetState(handle)));
                int linuxPort = ((IPEndPoint)linux.LocalEndPoint).Port;
                Assert.AreEqual("ESTAB", net.LinuxState(linuxPort));
                return new Connected { Net = net, Recorder = recorder, Linux = linux, LinuxPort = linuxPort, Handle = handle };
            }
            catch
            {
                net.Dispose();
                throw;
            }
        }

        private static void AssertSlotFreed(Connected c, int timeoutMs)
        {
            int slots = c.Net.Board.Invoke(s => s.ConnectionSlotCount);
            Wait.Until(() => c.Net.FreeSlots() == slots, timeoutMs, "every board slot free; path " + string.Join(" > ", c.Recorder.PathOf(c.Handle)));
            Assert.AreEqual(TcpState.Closed, c.Recorder.PathOf(c.Handle).Last(), "the handle ends CLOSED");
        }

        /// <summary>3a. nanoTcp closes first: FIN-WAIT-1/2 → TIME-WAIT → CLOSED; Linux CLOSE-WAIT → LAST-ACK → gone.</summary>
        [TestMethod]
        public void Interop03_ActiveCloseByNanoTcp()
        {
            Connected c = Open();
            using var net = c.Net;
            net.Board.Invoke(s => s.Close(c.Handle));
            Wait.Until(() => net.LinuxState(c.LinuxPort) == "CLOSE-WAIT", 5000, "Linux CLOSE-WAIT");
            Wait.Until(() => net.BoardState(c.LinuxPort) == TcpState.FinWait2, 5000, "nanoTcp FIN-WAIT-2");
            Assert.AreEqual(0, c.Linux.Receive(new byte[1]), "Linux reads end of stream");
            c.Linux.Close();
            Wait.Until(() => net.BoardState(c.LinuxPort) == TcpState.TimeWait, 5000, "nanoTcp TIME-WAIT");
            Wait.Until(() => net.LinuxState(c.LinuxPort) == "CLOSED", 5000, "Linux socket gone after LAST-ACK");
            AssertSlotFreed(c, TimeWaitMs + 3000);
            CollectionAssert.AreEqual(
                new[] { TcpState.Established, TcpState.FinWait1, TcpState.FinWait2, TcpState.TimeWait, TcpState.Closed },
                c.Recorder.PathOf(c.Handle).SkipWhile(s => s != TcpState.Established).ToArray());
        }

        /// <summary>3b. Linux closes first: nanoTcp CLOSE-WAIT → LAST-ACK → CLOSED; Linux FIN-WAIT-2 → TIME-WAIT.</summary>
        [TestMethod]
        public void Interop03_ActiveCloseByLinux()
        {
            Connected c = Open();
            using var net = c.Net;
            c.Linux.Shutdown(SocketShutdown.Send);
            Wait.Until(() => net.BoardState(c.LinuxPort) == TcpState.CloseWait, 5000, "nanoTcp CLOSE-WAIT");
            Wait.Until(() => net.LinuxState(c.LinuxPort) == "FIN-WAIT-2", 5000, "Linux FIN-WAIT-2");
            Assert.AreEqual(0, net.Board.Invoke(s => s.Receive(c.Handle, new byte[1], 0, 1)), "nanoTcp reads end of stream");
            net.Board.Invoke(s => s.Close(c.Handle));
            Wait.Until(() => net.LinuxState(c.LinuxPort) == "TIME-WAIT", 5000, "Linux TIME-WAIT");
            AssertSlotFreed(c, 5000);
            CollectionAssert.AreEqual(
                new[] { TcpState.Established, TcpState.CloseWait, TcpState.LastAck, TcpState.Closed },
                c.Recorder.PathOf(c.Handle).SkipWhile(s => s != TcpState.Established).ToArray());
            c.Linux.Close();
        }

        /// <summary>3c. Both close at once (FINs cross): nanoTcp FIN-WAIT-1 → CLOSING → TIME-WAIT → CLOSED; Linux TIME-WAIT.</summary>
        [TestMethod]
        public void Interop03_SimultaneousClose()
        {
            Connected c = Open();
            using var net = c.Net;
            // On the board's thread: Linux's FIN is on the wire before nanoTcp's next poll, and nanoTcp has
            // already decided to close, so the two FINs cross (RFC 9293 §3.6 case 2).
            net.Board.Invoke(s =>
            {
                c.Linux.Shutdown(SocketShutdown.Send);
                return s.Close(c.Handle);
            });
            Wait.Until(() => net.LinuxState(c.LinuxPort) == "TIME-WAIT", 5000, "Linux TIME-WAIT");
            AssertSlotFreed(c, TimeWaitMs + 3000);
            var path = c.Recorder.PathOf(c.Handle).SkipWhile(s => s != TcpState.Established).ToArray();
            CollectionAssert.AreEqual(
                new[] { TcpState.Established, TcpState.FinWait1, TcpState.Closing, TcpState.TimeWait, TcpState.Closed }, path,
                "nanoTcp path " + string.Join(" > ", path));
            c.Linux.Close();
        }

        /// <summary>4. Linux aborts (SO_LINGER 0 → RST): the echo service's slot is freed at once.</summary>
        [TestMethod]
        public void Interop04_LinuxAbort_Rst_FreesSlotImmediately()
        {
            using var net = InteropNetwork.Start();
            int slots = net.Board.Invoke(s => s.ConnectionSlotCount);
            Socket s = net.Connect(Exchanges.EchoPort);
            s.Send(new byte[] { 1, 2, 3 });
            var buf = new byte[3];
            int got = 0;
            s.ReceiveTimeout = 5000;
            while (got < 3) got += s.Receive(buf, got, 3 - got, SocketFlags.None);
            int linuxPort = ((IPEndPoint)s.LocalEndPoint).Port;
            Assert.AreEqual(TcpState.Established, net.BoardState(linuxPort));
            long rstBefore = net.Board.Invoke(st => st.Counters.TcpRstReceived);
            s.LingerState = new LingerOption(true, 0);
            s.Close();
            // "Immediately": in the very loop iteration that took the RST in (requests run after the polls), the
            // slot is already free: no timer, no further frame involved.
            int freeWhenRstSeen = -1;
            Wait.Until(() => (freeWhenRstSeen = net.Board.Invoke(st => st.Counters.TcpRstReceived > rstBefore ? st.FreeConnectionSlots : -1)) >= 0,
                       5000, "the RST to arrive");
            Assert.AreEqual(slots, freeWhenRstSeen, "free slots in the iteration that received the RST");
            Assert.AreEqual("CLOSED", net.LinuxState(linuxPort));
        }
    }
}
