/** Calling WeChat and WeCom server APIs: access-token caching and JSON calls with typed errors. */
package dev.baton.wechat.api;
