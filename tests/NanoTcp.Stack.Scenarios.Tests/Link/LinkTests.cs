using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp;
using NanoTcp.Portable.Tests;
using NanoTcp.Scenarios.Harness;
using NanoTcp.Scenarios.Harness.Wire;

namespace NanoTcp.Scenarios.Link
{
    /// <summary>The link below the stack: a driver that refuses a frame, and the impairment model the simulation uses.</summary>
    [TestClass]
    public sealed class LinkTests : ScenarioTest
    {
        [TestMethod]
        public void RefusedTransmit_AckCountedAndSentOnNextPoll()
        {
            int conn = OpenPassive();
            Peer.DutLink.AcceptsTransmit = false; // a busy driver
            Peer.Send(Flags.Ack | Flags.Psh, RemoteIss + 1, Iss + 1, payload: Text("a"));
            Peer.ExpectNothing();
            Assert.AreEqual(1L, Dut.Counters.Drops(DropReason.LinkTransmitFailed));
            Peer.DutLink.AcceptsTransmit = true;
            Peer.AdvanceBy(1);
            Peer.Pump();
            Peer.ExpectSegment(Flags.Ack, Iss + 1, RemoteIss + 2); // the owed ACK is not forgotten
            Assert.AreEqual(TcpState.Established, Dut.GetState(conn));
        }

        [TestMethod]
        public void ImpairedLink_SameSeedSameFate()
        {
            string Run(int seed)
            {
                var cable = new CrossoverCable(256, 64);
                var link = new ImpairedLink(cable.EndA, seed) { LossRate = 0.3, DuplicateRate = 0.2, CorruptRate = 0.2 };
                var frame = new byte[64];
                for (int i = 0; i < 200; i++) { frame[0] = (byte)i; link.Transmit(frame, 0, 64); }
                var sb = new System.Text.StringBuilder();
                while (cable.EndB.Receive(frame, 0, 64) > 0) sb.Append(frame[0]).Append(',').Append(InternetChecksum.Compute(frame, 0, 64)).Append(';');
                return sb.ToString() + link.Lost + "/" + link.Duplicated + "/" + link.Corrupted;
            }
            Assert.AreEqual(Run(42), Run(42));
            Assert.AreNotEqual(Run(42), Run(43));
        }
    }
}
