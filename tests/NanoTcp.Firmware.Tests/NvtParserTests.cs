using System.Collections.Generic;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace NanoTcp.Firmware.Tests
{
    [TestClass]
    public sealed class NvtParserTests
    {
        private sealed class Recorder : INvtReceiver
        {
            public readonly List<string> Events = new List<string>();
            public void OnData(byte value) => Events.Add("D" + value);
            public void OnCommand(byte command) => Events.Add("C" + command);
            public void OnOption(byte verb, byte option) => Events.Add("O" + verb + "," + option);
        }

        private static List<string> Parse(params int[] bytes)
        {
            var parser = new NvtParser();
            var r = new Recorder();
            foreach (int b in bytes) parser.Feed((byte)b, r);
            return r.Events;
        }

        [TestMethod]
        public void Data_options_commands_and_iac_iac()
        {
            CollectionAssert.AreEqual(
                new[] { "D65", "O253,1", "D255", "C246", "O251,3", "D66" },
                Parse(65, 255, 253, 1, 255, 255, 255, 246, 255, 251, 3, 66));
        }

        [TestMethod]
        public void Subnegotiation_is_skipped_including_escaped_iac()
        {
            CollectionAssert.AreEqual(new[] { "D1", "D2" },
                Parse(1, 255, 250, 31, 0, 80, 255, 255, 0, 24, 255, 240, 2));
        }

        [TestMethod]
        public void Stray_iac_ends_a_malformed_subnegotiation()
        {
            CollectionAssert.AreEqual(new[] { "O253,5", "D65" },
                Parse(255, 250, 24, 1, 2, 255, 253, 5, 65));
        }

        [TestMethod]
        public void State_survives_segment_boundaries_and_long_subnegotiations()
        {
            var parser = new NvtParser();
            var r = new Recorder();
            parser.Feed(255, r);
            parser.Feed(250, r);
            for (int i = 0; i < 100000; i++) parser.Feed((byte)(i % 255), r);
            parser.Feed(255, r);
            parser.Feed(240, r);
            parser.Feed(7, r);
            CollectionAssert.AreEqual(new[] { "D7" }, r.Events);
            Assert.AreEqual(100000, parser.SubnegotiationBytesSkipped);
        }
    }
}
