#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using NanoTcp;

namespace NanoTcp.Portable.Tests
{
    /// <summary>Ping and ARP between two stacks on a crossover cable, in virtual time (host and device alike).</summary>
    [TestClass]
    public class IcmpAndArpTests
    {
        [TestMethod]
        public void EchoRequestIsAnsweredAndBothSidesLearnEachOthersMac()
        {
            var cable = new CrossoverCable(8, 1514);
            NetworkStack a = TestHosts.NewStack(cable.EndA, 2, 1, 512);
            NetworkStack b = TestHosts.NewStack(cable.EndB, 3, 1, 512);
            var replies = new ReplyRecorder();
            b.EchoListener = replies;

            Assert.IsTrue(b.SendEchoRequest(Ip4.Address(192, 0, 2, 2), 0x4E54, 7, 56));
            long now = 0;
            for (int i = 0; i < 20 && replies.Count == 0; i++)
            {
                a.Poll(now);
                b.Poll(now);
                now += 10;
            }

            Assert.AreEqual(1, replies.Count);
            Assert.AreEqual(Ip4.Address(192, 0, 2, 2), replies.FromIp);
            Assert.AreEqual(0x4E54, replies.Identifier);
            Assert.AreEqual(7, replies.Sequence);
            Assert.AreEqual(56, replies.Length);
            Assert.IsTrue(HasResolvedEntry(b, Ip4.Address(192, 0, 2, 2), 2), "the pinger resolved the target");
            Assert.IsTrue(HasResolvedEntry(a, Ip4.Address(192, 0, 2, 3), 3), "the target learned the pinger from its request (RFC 826)");
        }

        private static bool HasResolvedEntry(NetworkStack stack, uint ip, int lastMacOctet)
        {
            var entry = new ArpEntryInfo();
            for (int i = 0; i < stack.ArpEntryCount; i++)
            {
                if (stack.GetArpEntry(i, entry) && entry.Resolved && entry.Ip == ip) return entry.MacOctet(5) == lastMacOctet;
            }
            return false;
        }

        private sealed class ReplyRecorder : IEchoReplyListener
        {
            public int Count;
            public uint FromIp;
            public int Identifier;
            public int Sequence;
            public int Length;

            public void OnEchoReply(uint fromIp, int identifier, int sequence, int length, long nowMs)
            {
                Count++;
                FromIp = fromIp;
                Identifier = identifier;
                Sequence = sequence;
                Length = length;
            }
        }
    }
}
