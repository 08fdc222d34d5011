using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace NanoTcp.VirtualBoard.Tests
{
    /// <summary>Argument parsing of nanotcp-board (no root needed).</summary>
    [TestClass]
    public sealed class CommandLineTests
    {
        /// <summary>MAC addresses in both separators parse; anything else does not.</summary>
        [TestMethod]
        public void Mac_ParsesColonAndDash()
        {
            var mac = new byte[6];
            Assert.IsTrue(BoardCommand.TryParseMac("02:4e:54:00:00:0A", mac));
            CollectionAssert.AreEqual(new byte[] { 2, 0x4E, 0x54, 0, 0, 10 }, mac);
            Assert.IsTrue(BoardCommand.TryParseMac("02-00-00-00-00-01", mac));
            Assert.IsFalse(BoardCommand.TryParseMac("02:00:00:00:00", mac));
            Assert.IsFalse(BoardCommand.TryParseMac("02:00:00:00:00:zz", mac));
            Assert.IsFalse(BoardCommand.TryParseMac(null, mac));
        }

        /// <summary>Bad values are rejected with a non-zero exit before anything is set up.</summary>
        [TestMethod]
        public void BadArguments_ExitNonZero()
        {
            Assert.AreEqual(Program.ExitBadArguments, BoardCommand.Build().Parse(new[] { "--ip", "300.1.2.3" }).Invoke());
            Assert.AreEqual(Program.ExitBadArguments, BoardCommand.Build().Parse(new[] { "--mac", "03:00:00:00:00:01" }).Invoke());
            Assert.AreNotEqual(0, BoardCommand.Build().Parse(new[] { "--loss", "1.5" }).Invoke());
            Assert.AreNotEqual(0, BoardCommand.Build().Parse(new[] { "--link", "ppp" }).Invoke());
        }

        /// <summary>--help lists every option.</summary>
        [TestMethod]
        public void Help_ListsEveryOption()
        {
            var output = new System.IO.StringWriter();
            var config = new System.CommandLine.InvocationConfiguration { Output = output };
            Assert.AreEqual(0, BoardCommand.Build().Parse(new[] { "--help" }).Invoke(config));
            foreach (string o in new[] { "--ip", "--mac", "--password", "--pcap", "--trace", "--relative", "--loss", "--dup", "--reorder",
                                         "--corrupt", "--seed", "--link", "--tap", "--namespace", "--connections" })
                StringAssert.Contains(output.ToString(), o);
        }
    }
}
