using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace NanoTcp.Firmware.Tests
{
    /// <summary>RFC 1143 Q-method behaviour of the option table, without the network.</summary>
    [TestClass]
    public sealed class TelnetOptionNegotiationTests
    {
        private const byte WILL = 251, WONT = 252, DO = 253, DONT = 254;

        private static string Replies(AsciiWriter w)
        {
            var s = new System.Text.StringBuilder();
            for (int i = 0; i + 2 < w.Count + 1 && i < w.Count; i += 3) s.Append(w.Buffer[i + 1]).Append(',').Append(w.Buffer[i + 2]).Append(' ');
            w.Clear();
            return s.ToString().Trim();
        }

        [TestMethod]
        public void Offers_then_confirmations_are_not_answered()
        {
            var n = new TelnetOptionNegotiation();
            var w = new AsciiWriter(64);
            n.Offer(w);
            Assert.AreEqual("251,1 251,3", Replies(w));
            Assert.IsFalse(n.EchoOn);
            n.Receive(DO, 1, w);
            n.Receive(DO, 3, w);
            Assert.AreEqual("", Replies(w));
            Assert.IsTrue(n.EchoOn);
            Assert.IsTrue(n.SuppressGoAheadOn);
            n.Receive(DO, 1, w); // already on: RFC 854 says do not acknowledge
            Assert.AreEqual("", Replies(w));
        }

        [TestMethod]
        public void Refused_offer_goes_off_silently_and_a_later_request_is_honoured_once()
        {
            var n = new TelnetOptionNegotiation();
            var w = new AsciiWriter(64);
            n.Offer(w);
            w.Clear();
            n.Receive(DONT, 1, w);
            Assert.AreEqual("", Replies(w));
            Assert.IsFalse(n.EchoOn);
            n.Receive(DONT, 1, w);
            Assert.AreEqual("", Replies(w));
            n.Receive(DO, 1, w);
            Assert.AreEqual("251,1", Replies(w));
            n.Receive(DONT, 1, w);
            Assert.AreEqual("252,1", Replies(w));
        }

        [TestMethod]
        public void Unsupported_options_are_refused_and_client_echo_is_refused()
        {
            var n = new TelnetOptionNegotiation();
            var w = new AsciiWriter(64);
            n.Receive(WILL, 24, w);
            n.Receive(WILL, 1, w);
            n.Receive(DO, 5, w);
            n.Receive(WONT, 24, w);
            n.Receive(DONT, 5, w);
            Assert.AreEqual("254,24 254,1 252,5", Replies(w));
            Assert.IsTrue(n.PeerNegotiates);
        }

        [TestMethod]
        public void Client_sga_is_accepted_once_and_timing_mark_always_answered()
        {
            var n = new TelnetOptionNegotiation();
            var w = new AsciiWriter(64);
            n.Receive(WILL, 3, w);
            n.Receive(WILL, 3, w);
            n.Receive(DO, 6, w);
            n.Receive(DO, 6, w);
            n.Receive(WONT, 3, w);
            Assert.AreEqual("253,3 251,6 251,6 254,3", Replies(w));
        }
    }
}
