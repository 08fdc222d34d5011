using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Scenarios.Harness;
using NanoTcp.Scenarios.Harness.Wire;

namespace NanoTcp.Scenarios
{
    /// <summary>
    /// The poll contract (stack/README.md "Poll loop"): one Poll per loop iteration; an API call that queues work
    /// lowers <see cref="NetworkStack.PollAt"/> to the time of the last Poll, so an application that sleeps until
    /// PollAt (and is not woken by a frame) never stalls.
    /// </summary>
    [TestClass]
    public sealed class PollContract : ScenarioTest
    {
        /// <summary>An idle connection: nothing armed (keepalive off, everything acknowledged).</summary>
        private int OpenIdle()
        {
            int conn = OpenPassive(c => c.Nagle = false);
            Peer.AdvanceTo(1000);
            Assert.AreEqual(long.MaxValue, Peer.NextDeadline, "an idle connection arms no timer");
            Assert.AreEqual(long.MaxValue, Dut.PollAt);
            return conn;
        }

        /// <summary>The sleeping application: wakes at PollAt (never earlier), polls once, and goes back to sleep.</summary>
        private void SleepUntilPollAtThenPollOnce(long horizon)
        {
            long wake = Dut.PollAt;
            Assert.IsLessThanOrEqualTo(horizon, wake, "the application would sleep past " + horizon + " (PollAt " + wake + ")");
            Peer.Pump();
        }

        [TestMethod]
        public void Send_MakesPollAtNow_SleeperSendsWithoutStalling()
        {
            int conn = OpenIdle();
            Assert.AreEqual(5, Dut.Send(conn, Text("hello"), 0, 5));
            Assert.IsLessThanOrEqualTo(Peer.Now, Dut.PollAt, "Send queued data: Poll must run now");
            SleepUntilPollAtThenPollOnce(Peer.Now);
            Peer.ExpectSegment(Flags.Ack | Flags.Psh, Iss + 1, RemoteIss + 1, payload: Text("hello"));
            Assert.AreNotEqual(Peer.Now, Dut.PollAt, "the poll that sent the data cleared the pending work");
        }

        [TestMethod]
        public void Shutdown_MakesPollAtNow_FinGoesOut()
        {
            int conn = OpenIdle();
            Assert.AreEqual(0, Dut.Shutdown(conn));
            SleepUntilPollAtThenPollOnce(Peer.Now);
            Peer.ExpectSegment(Flags.Fin | Flags.Ack, Iss + 1, RemoteIss + 1);
        }

        [TestMethod]
        public void ReceiveThatOpensTheWindow_MakesPollAtNow_WindowUpdateGoesOut()
        {
            int conn = OpenIdle();
            int size = Peer.Config.ReceiveBufferSize;
            FillReceiveWindow();                                  // acknowledged with a zero window
            Peer.AdvanceTo(Peer.Now + 500);
            Peer.ExpectNothing();
            long pollAt = Dut.PollAt;
            Assert.IsGreaterThan(Peer.Now, pollAt, "nothing pending before the application reads");
            var buf = new byte[size];
            Assert.AreEqual(size, Dut.Receive(conn, buf, 0, size));
            Assert.IsLessThanOrEqualTo(Peer.Now, Dut.PollAt, "the window opened: the update must go out now");
            SleepUntilPollAtThenPollOnce(Peer.Now);
            Peer.ExpectSegment(Flags.Ack, Iss + 1, RemoteIss + 1 + (uint)size, window: size);
        }

        [TestMethod]
        public void Connect_MakesPollAtNow()
        {
            NewPeer();
            Peer.Pump();
            Assert.AreEqual(long.MaxValue, Dut.PollAt);
            int conn = Dut.Connect(ScriptedPeer.PeerIp, 80);
            Assert.IsGreaterThanOrEqualTo(0, conn);
            Assert.IsLessThanOrEqualTo(Peer.Now, Dut.PollAt);
            Peer.Pump();
            Assert.AreEqual(TcpState.SynSent, Dut.GetState(conn));
            Assert.AreEqual(Flags.Syn, Peer.Take("the SYN").Segment.Flags);
        }
    }
}
