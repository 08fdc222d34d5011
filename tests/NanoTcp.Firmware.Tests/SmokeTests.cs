using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Firmware.Tests.Harness;

namespace NanoTcp.Firmware.Tests
{
    [TestClass]
    public sealed class SmokeTests
    {
        [TestMethod]
        public void Login_and_help()
        {
            var bench = new Bench();
            var client = TelnetClient.LoggedIn(bench);
            string help = client.Command("help");
            StringAssert.Contains(help, "netstat");
            StringAssert.Contains(help, "ping <host> [count]");
        }
    }
}
