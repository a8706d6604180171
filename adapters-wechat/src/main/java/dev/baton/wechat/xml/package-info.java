/** Hardened XML reading and small helpers to write WeChat's reply XML. */
package dev.baton.wechat.xml;
