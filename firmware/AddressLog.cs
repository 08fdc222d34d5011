namespace NanoTcp.Firmware
{
    /// <summary>
    /// The log line written whenever the stack's address changes (a DHCP lease, its loss, the static fallback):
    /// the address, how it was obtained, and the mDNS name the board answers to. Rare, so it may build a string.
    /// </summary>
    public static class AddressLog
    {
        /// <summary>Writes "nanoTcp: address A mask M gw G (dhcp from S, lease N s), name H.local" or "... no address".</summary>
        public static void Write(IFirmwarePlatform platform, FirmwareApplication application, long nowMs)
        {
            NetworkStack stack = application.Stack;
            var text = new AsciiWriter(160);
            var chars = new char[160];
            text.Write("nanoTcp: ");
            if (stack.IpAddress == 0)
            {
                text.Write("no address (waiting for DHCP)");
            }
            else
            {
                text.Write("address ");
                WriteAddresses(text, stack.IpAddress, stack.SubnetMask, stack.Gateway);
                AddressSource.Write(text, stack, nowMs);
            }
            string name = application.MdnsName;
            if (name != null)
            {
                text.Write(", name ");
                text.Write(name);
            }
            platform.Log(new string(chars, 0, text.CopyTo(chars)));
        }

        /// <summary>Writes "A mask M gw G" (the start-up log and this log).</summary>
        public static void WriteAddresses(AsciiWriter text, uint ip, uint mask, uint gateway)
        {
            text.WriteIp(ip);
            text.Write(" mask ");
            text.WriteIp(mask);
            text.Write(" gw ");
            text.WriteIp(gateway);
        }
    }
}
