using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Scenarios.Harness;
using NanoTcp.Scenarios.Harness.Wire;

namespace NanoTcp.Scenarios
{
    /// <summary>
    /// Per-connection options (NetworkStack.SetNoDelay / SetDelayedAck / SetKeepAlive): each overrides its
    /// StackConfig default for one connection only, and a stale handle is refused.
    /// </summary>
    [TestClass]
    public sealed class ConnectionOptions : ScenarioTest
    {
        [TestMethod]
        public void SetNoDelay_SmallSegmentGoesWhileDataIsInFlight()
        {
            int conn = OpenPassive(c => c.Nagle = true);
            Write(conn, Text("a"));
            Peer.ExpectSegment(Flags.Ack | Flags.Psh, Iss + 1, RemoteIss + 1, payload: Text("a"));
            Write(conn, Text("b"));
            Peer.ExpectNothing();                                  // Nagle: "a" is unacknowledged
            Assert.AreEqual(0, Dut.SetNoDelay(conn, true));
            Peer.Pump();
            Peer.ExpectSegment(Flags.Ack | Flags.Psh, Iss + 2, RemoteIss + 1, payload: Text("b"));
        }

        [TestMethod]
        public void SetDelayedAck_Off_AcksEverySegmentAtOnce()
        {
            int conn = OpenPassive(c => c.DelayedAck = true);
            Peer.Send(Flags.Ack | Flags.Psh, RemoteIss + 1, Iss + 1, payload: Text("x"));
            Peer.ExpectNothing();                                  // delayed (100 ms)
            Peer.AdvanceBy(100);
            Peer.ExpectSegment(Flags.Ack, Iss + 1, RemoteIss + 2);
            Assert.AreEqual(0, Dut.SetDelayedAck(conn, false));
            Peer.Send(Flags.Ack | Flags.Psh, RemoteIss + 2, Iss + 1, payload: Text("y"));
            var ack = Peer.Take("the immediate ACK");
            Assert.AreEqual(Peer.Now, ack.Time);
            Assert.AreEqual(RemoteIss + 3, ack.Segment.Ack);
        }

        [TestMethod]
        public void SetKeepAlive_On_ProbesAfterTheIdleTime_OnlyThatConnection()
        {
            int conn = OpenPassive(c => c.KeepAliveEnabled = false);
            long idleStart = Peer.Now;
            Assert.AreEqual(0, Dut.SetKeepAlive(conn, true));
            Assert.IsLessThanOrEqualTo(Peer.Now, Dut.PollAt, "a new timer: Poll must run to report it");
            Peer.Pump();
            Peer.AdvanceTo(idleStart + Peer.Config.KeepAliveIdleMs - 1);
            Peer.ExpectNothing();
            Peer.AdvanceTo(idleStart + Peer.Config.KeepAliveIdleMs);
            var probe = Peer.Take("a keepalive probe");
            Assert.AreEqual(Iss, probe.Segment.Seq, "SEG.SEQ = SND.NXT - 1 (RFC 1122 4.2.3.6)");
            Assert.AreEqual(0, Dut.SetKeepAlive(conn, false));
            Peer.AdvanceBy(Peer.Config.KeepAliveIntervalMs * 3L);
            Peer.ExpectNothing();
        }

        [TestMethod]
        public void StaleHandle_IsRefused()
        {
            int conn = OpenPassive();
            Assert.AreEqual(0, Dut.Abort(conn));
            Assert.AreEqual(TcpError.InvalidHandle, Dut.SetNoDelay(conn, true));
            Assert.AreEqual(TcpError.InvalidHandle, Dut.SetDelayedAck(conn, false));
            Assert.AreEqual(TcpError.InvalidHandle, Dut.SetKeepAlive(conn, true));
        }
    }
}
