using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace NanoTcp.Firmware.Tests
{
    [TestClass]
    public sealed class LoginThrottleTests
    {
        [TestMethod]
        public void Delay_doubles_per_failure_up_to_the_cap_and_resets_on_success()
        {
            var t = new LoginThrottle(1000, 5000);
            Assert.IsTrue(t.MayCheck(0));
            t.Failed(0);
            Assert.IsFalse(t.MayCheck(999));
            Assert.IsTrue(t.MayCheck(1000));
            t.Failed(1000);
            Assert.AreEqual(3000, t.NextCheckAtMs);
            t.Failed(3000);
            Assert.AreEqual(7000, t.NextCheckAtMs);
            t.Failed(7000);
            Assert.AreEqual(12000, t.NextCheckAtMs, "capped at 5 s");
            Assert.AreEqual(1, t.Deferred);
            t.Succeeded();
            t.Failed(20000);
            Assert.AreEqual(21000, t.NextCheckAtMs);
        }
    }
}
