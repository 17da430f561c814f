package io.jenkins.plugins.scpuppet.standin;

/** Tiny XML helpers for awsQuery responses. */
final class Xml {
    private Xml() {}

    static String escape(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    static String el(String name, String text) {
        return "<" + name + ">" + escape(text) + "</" + name + ">";
    }
}
