namespace NanoTcp.Firmware
{
    /// <summary>
    /// The application's start-up lines on the debug output: addresses, and each service with its port (or the
    /// reason it could not listen). Runs once, so it may allocate strings.
    /// </summary>
    public static class StartupLog
    {
        /// <summary>Writes the start-up lines for <paramref name="application"/>.</summary>
        public static void Write(IFirmwarePlatform platform, FirmwareSettings settings, FirmwareApplication application)
        {
            var text = new AsciiWriter(128);
            var chars = new char[128];
            text.Write("nanoTcp: ");
            text.Write(platform.BoardName);
            text.Write(", mac ");
            text.WriteMac(settings.MacAddress, 0);
            if (settings.Dhcp)
            {
                text.Write(", ip by dhcp");
                if (settings.DhcpFallbackMs > 0 && settings.IpAddress != 0)
                {
                    text.Write(" (fallback ");
                    text.WriteIp(settings.IpAddress);
                    text.Write(")");
                }
            }
            else
            {
                text.Write(", ip ");
                AddressLog.WriteAddresses(text, settings.IpAddress, settings.SubnetMask, settings.Gateway);
            }
            platform.Log(new string(chars, 0, text.CopyTo(chars)));
            ListenerTable listeners = application.Listeners;
            for (int i = 0; i < listeners.Count; i++)
            {
                text.Clear();
                text.Write("nanoTcp: ");
                text.Write(listeners.Name(i));
                text.Write(" on tcp port ");
                text.WriteDecimal(listeners.Port(i));
                if (listeners.Handle(i) < 0)
                {
                    text.Write(" FAILED (error ");
                    text.WriteDecimal(listeners.Handle(i));
                    text.Write(", raise StackConfig.ListenerSlots)");
                }
                platform.Log(new string(chars, 0, text.CopyTo(chars)));
            }
        }
    }
}
