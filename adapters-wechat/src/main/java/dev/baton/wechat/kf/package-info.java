/** WeCom 微信客服: encrypted callback, sync_msg with a persisted cursor, send_msg, and handoff through the platform's session state. */
package dev.baton.wechat.kf;
